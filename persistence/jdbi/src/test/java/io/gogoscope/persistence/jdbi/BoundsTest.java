package io.gogoscope.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gogoscope.CircuitState;
import io.gogoscope.store.CircuitSnapshot;
import io.gogoscope.store.Lease;
import io.gogoscope.store.WatchdogLockProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Settings and arguments at and beyond their bounds: refused with a message that names the setting
 * and its bound, before anything is taken; accepted at the bound. (Before, a
 * {@code Duration.ofSeconds(Long.MAX_VALUE)} statement timeout or purge interval threw
 * {@code ArithmeticException}, a huge poll interval left a shared breaker silently unshared, SQLite
 * took a busy timeout of 0 for a statement timeout over 24.8 days, and a watchdog over these stores
 * took the row for a century before it threw.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoundsTest {

  private static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);

  private final BackendCache backends = new BackendCache();

  @AfterAll
  void close() {
    backends.close();
  }

  @Test
  void builderSettingsAreRefusedBeyondTheirBoundsByName() {
    JdbiStores.Builder builder = JdbiStores.sqlite(Path.of("never-opened.db"));
    assertRefused(b -> b.statementTimeout(FOREVER), builder,
        "JdbiStores.Builder.statementTimeout must be between 1 ms and 24 days, got PT2562047788015215H30M7S"
            + " (SQLite's busy timeout counts milliseconds in an int; no statement of the stores needs more)");
    assertRefused(b -> b.statementTimeout(Duration.ofDays(24).plusMillis(1)), builder, "statementTimeout must be between");
    assertRefused(b -> b.statementTimeout(Duration.ofNanos(999_999)), builder, "statementTimeout must be between 1 ms");
    assertRefused(b -> b.pollInterval(FOREVER), builder,
        "JdbiStores.Builder.pollInterval must be between 1 ms and 1 day, got PT2562047788015215H30M7S (a breaker"
            + " opened by another instance would go unseen here for longer than any reset timeout)");
    assertRefused(b -> b.pollInterval(null), builder, "pollInterval must be between 1 ms and 1 day, got null");
    assertRefused(b -> b.purgeInterval(FOREVER), builder, "JdbiStores.Builder.purgeInterval must be between 0 and 365 days");
    assertRefused(b -> b.purgeInterval(Duration.ofMillis(-1)), builder, "purgeInterval must be between 0 and 365 days, got PT-0.001S");

    builder.statementTimeout(JdbiStores.Builder.MAX_STATEMENT_TIMEOUT)
        .pollInterval(JdbiStores.Builder.MAX_POLL_INTERVAL)
        .purgeInterval(JdbiStores.Builder.MAX_PURGE_INTERVAL)
        .purgeInterval(Duration.ZERO);
  }

  private static void assertRefused(UnaryOperator<JdbiStores.Builder> setting, JdbiStores.Builder builder, String message) {
    assertThatThrownBy(() -> setting.apply(builder)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }

  @Test
  void aSqliteStoreTakesTheLongestStatementTimeoutAsItsBusyTimeout() {
    // The runner checks that SQLite took the busy timeout it was given (it silently took 0 beyond an int).
    JdbiStores stores = backends.get(SqlDialect.SQLITE)
        .stores(b -> b.statementTimeout(JdbiStores.Builder.MAX_STATEMENT_TIMEOUT));
    try (Lease lease = stores.lockProvider().tryAcquire("longest-timeout", Duration.ofSeconds(30)).orElseThrow()) {
      assertThat(lease.isValid()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void keysLongerThanTheColumnAreRefusedWithOneMessageOnEveryStore(SqlDialect dialect) {
    JdbiStores stores = backends.get(dialect).stores();
    // 255 characters, one of them outside the Basic Multilingual Plane (two UTF-16 units): the longest key.
    String longest = "k".repeat(254) + "\uD83D\uDE00";
    stores.lockProvider().tryAcquire(longest, Duration.ofSeconds(30)).orElseThrow().release();
    assertThat(stores.rateLimitStore().checkAndIncrement(longest, 1, Duration.ofMinutes(1)).allowed()).isTrue();
    CircuitSnapshot open = new CircuitSnapshot(CircuitState.OPEN, Instant.now().truncatedTo(ChronoUnit.MILLIS), 1);
    assertThat(stores.circuitStateStore().publish(longest, open)).isTrue();
    assertThat(stores.circuitStateStore().read(longest)).contains(open);

    String tooLong = "k".repeat(256);
    String says = "\"" + "k".repeat(40) + "…\" has 256 characters; the SQL stores hold at most 255 (hash longer keys before using them)";
    assertThatThrownBy(() -> stores.lockProvider().tryAcquire(tooLong, Duration.ofSeconds(30)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("lock key " + says);
    assertThatThrownBy(() -> stores.rateLimitStore().checkAndIncrement(tooLong, 1, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("rate-limit key " + says);
    assertThatThrownBy(() -> stores.circuitStateStore().read(tooLong))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("circuit name " + says);
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void aWatchdogAskedForATtlBeyondTheBoundTakesNoRow(SqlDialect dialect) {
    SqlBackend backend = backends.get(dialect);
    WatchdogLockProvider watched = new WatchdogLockProvider(backend.stores().lockProvider());
    assertThatThrownBy(() -> watched.tryAcquire("watched-forever", FOREVER))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl must be at most 36500 days");
    assertThatThrownBy(() -> watched.acquire("watched-forever", FOREVER, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl must be at most 36500 days");
    long rows = backend.jdbi().withHandle(h -> h.createQuery(
            "SELECT COUNT(*) FROM " + backend.prefix() + "locks WHERE lock_key = 'watched-forever'")
        .mapTo(Long.class).one());
    assertThat(rows).as("rows the refused acquires wrote").isZero();
  }
}
