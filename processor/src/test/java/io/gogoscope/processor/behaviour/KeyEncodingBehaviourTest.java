package io.gogoscope.processor.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.Result;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.processor.behaviour.Keys.Item;
import io.gogoscope.processor.behaviour.Keys.Owner;
import io.gogoscope.processor.behaviour.ScopedKeys.CountError;
import io.gogoscope.processor.behaviour.ScopedKeys.KeysError;
import io.gogoscope.processor.behaviour.ScopedKeys.MixedError;
import io.gogoscope.processor.behaviour.ScopedKeys.PathError;
import io.gogoscope.processor.behaviour.ScopedKeys.TwoError;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The keys generated code builds: ordinary ids stay readable, and distinct arguments give distinct
 * keys (the held key shows in {@code LockUnavailable}, so each test takes a lock and asks for it
 * again while holding it).
 */
class KeyEncodingBehaviourTest {
  private final ScopedKeys keys = ScopedKeys.of(new Keys() {
    @Override
    public String two(String a, String b, Supplier<String> work) {
      return work.get();
    }

    @Override
    public String mixed(long n, char c, Integer boxed, Supplier<String> work) {
      return work.get();
    }

    @Override
    public String path(Item item, Supplier<String> work) {
      return work.get();
    }

    @Override
    public String count(String a, String b) {
      return "counted";
    }
  }, ScopeRuntime.builder().build());

  @Test
  void ordinaryIdsStayReadable() {
    assertThat(heldKey(a -> keys.two("42", "7", a))).isEqualTo("order:42:7");
    assertThat(heldKey(a -> keys.mixed(42L, 'x', 7, a))).isEqualTo("n:42:x:7");
    assertThat(heldKey(a -> keys.path(new Item(new Owner("ada")), a))).isEqualTo("item/ada");
  }

  @Test
  void separatorsInValuesAreEncoded() {
    assertThat(heldKey(a -> keys.two("1:2", "3", a))).isEqualTo("order:1%3A2:3");
    assertThat(heldKey(a -> keys.two("1", "2:3", a))).isEqualTo("order:1:2%3A3");
    assertThat(heldKey(a -> keys.mixed(-1L, ':', -7, a))).isEqualTo("n:-1:%3A:-7");
    assertThat(heldKey(a -> keys.path(new Item(new Owner("a/b")), a))).isEqualTo("item/a%2Fb");
  }

  @Test
  void nullIsNotTheTextNull() {
    assertThat(heldKey(a -> keys.two(null, "null", a))).isEqualTo("order:%null:null");
    assertThat(heldKey(a -> keys.mixed(1L, 'n', null, a))).isEqualTo("n:1:n:%null");
    assertThat(heldKey(a -> keys.path(null, a))).isEqualTo("item/%null");
    assertThat(heldKey(a -> keys.path(new Item(null), a))).isEqualTo("item/%null");
    assertThat(heldKey(a -> keys.path(new Item(new Owner(null)), a))).isEqualTo("item/%null");
    assertThat(heldKey(a -> keys.path(new Item(new Owner("null")), a))).isEqualTo("item/null");
  }

  @Test
  void loneSurrogatesAndNulBecomeTextEveryStoreTakes() {
    assertThat(heldKey(a -> keys.two("s\uD800", "s\uDBFF", a))).isEqualTo("order:s%uD800:s%uDBFF");
    assertThat(heldKey(a -> keys.mixed(0L, '\uDC00', 0, a))).isEqualTo("n:0:%uDC00:0");
    assertThat(heldKey(a -> keys.two("a\u0000b", "}", a))).isEqualTo("order:a%00b:%7D");
  }

  @Test
  void distinctPairsHaveTheirOwnRateLimitCount() {
    assertThat(keys.count("1|2", "3")).isEqualTo(Result.ok("counted"));
    assertThat(keys.count("1", "2|3")).isEqualTo(Result.ok("counted"));
    assertThat(keys.count(null, "x")).isEqualTo(Result.ok("counted"));
    assertThat(keys.count("null", "x")).isEqualTo(Result.ok("counted"));

    assertThat(keys.count("1|2", "3").errorIfAny()).get().isInstanceOf(CountError.RateLimited.class);
  }

  /**
   * Calls {@code call} with work that calls it again while the lock is held, and returns the key
   * the second call found held.
   */
  private static String heldKey(Function<Supplier<String>, Result<?, String>> call) {
    AtomicReference<Result<?, String>> nested = new AtomicReference<>();
    Result<?, String> outer = call.apply(() -> {
      nested.set(call.apply(() -> "twice"));
      return "once";
    });
    assertThat(outer).isEqualTo(Result.ok("once"));
    return switch (nested.get().errorIfAny().orElseThrow()) {
      // One record, shared by the unions of every task of Keys that takes a lock.
      case KeysError.LockUnavailable held -> held.key();
      default -> throw new AssertionError("not LockUnavailable: " + nested.get());
    };
  }
}
