package io.gogoscope.store.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The shared checks' texts and edges; the contract suites show every backend applying them. */
class StoreArgumentsTest {

  @Test
  void wellFormedKeysPassWhateverTheirCharacters() {
    for (String key : new String[] {"order:42", "s?", "s\uD83D\uDE00", "\uD83D\uDE00", "ü:ß:中", " ", "a\tb"}) {
      assertThat(StoreArguments.key(key, "lock key")).isEqualTo(key);
    }
  }

  @Test
  void eachRuleHasOneMessageNamingWhatBrokeItAndWhere() {
    assertThatThrownBy(() -> StoreArguments.key("", "lock key"))
        .hasMessage("lock key must not be empty; name what it protects, e.g. \"order:42\"");
    assertThatThrownBy(() -> StoreArguments.key("s\uD800", "rate-limit key"))
        .hasMessage("rate-limit key \"s\\uD800\" contains a lone UTF-16 surrogate (\\uD800) at index 1, which UTF-8"
            + " cannot represent, so stores could not keep it apart from other keys: pass well-formed text, or"
            + " encode the value that brought it in");
    assertThatThrownBy(() -> StoreArguments.key("a\u0000b", "circuit name"))
        .hasMessage("circuit name \"a\\u0000b\" contains NUL (\\u0000) at index 1, which PostgreSQL cannot store;"
            + " no store takes it, so a key means the same on every backend: encode the value that brought it in");
    assertThatThrownBy(() -> StoreArguments.key(null, "lock key"))
        .isInstanceOf(NullPointerException.class).hasMessage("lock key must not be null");
  }

  @Test
  void aLongKeyIsShownCutShort() {
    String key = "x".repeat(100) + "\uDBFF";
    assertThatThrownBy(() -> StoreArguments.key(key, "lock key"))
        .hasMessageStartingWith("lock key \"" + "x".repeat(40) + "…\" contains a lone UTF-16 surrogate (\\uDBFF) at index 100");
  }

  @Test
  void storedDurationsAreBoundedAndWaitsSaturate() {
    assertThat(StoreArguments.ttl(StoreArguments.MAX_DURATION)).isEqualTo(Duration.ofDays(36_500));
    assertThatThrownBy(() -> StoreArguments.ttl(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("ttl must be at most 36500 days (100 years), got PT");
    assertThatThrownBy(() -> StoreArguments.window(StoreArguments.MAX_DURATION.plusNanos(1)))
        .hasMessageStartingWith("window must be at most 36500 days (100 years)");
    assertThat(StoreArguments.maxWait(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Duration.ofSeconds(Long.MAX_VALUE));
    assertThat(StoreArguments.saturatedNanos(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    assertThat(StoreArguments.saturatedNanos(Duration.ofMillis(3))).isEqualTo(3_000_000);
  }
}
