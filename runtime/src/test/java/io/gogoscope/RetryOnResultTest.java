package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.policy.Retry;
import io.gogoscope.testing.ManualTimeSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code Retry.Builder.retryOnResult}: successful values retried by a predicate (issue 11 item 2). */
@Timeout(60)
class RetryOnResultTest {
  private final ManualTimeSource clock = new ManualTimeSource();
  private final ScopeRuntime runtime = ScopeRuntime.builder().timeSource(clock).build();
  private final List<String> heard = new CopyOnWriteArrayList<>();

  private Guard guard(int attempts) {
    return runtime.guard("poll").retry(Retry.builder()
        .maxAttempts(attempts)
        .delay(Duration.ofMillis(100))
        .retryOnResult(String.class, value -> value.equals("pending"))
        .onRetry((call, attempt, delay, failure) -> heard.add(attempt + " " + failure.kind()))
        .build()).build();
  }

  @Test
  void aValueThePredicateWantsIsTriedAgainUntilItChanges() {
    AtomicInteger calls = new AtomicInteger();
    Result<Failure, String> result = guard(5).call(() -> calls.incrementAndGet() < 3 ? "pending" : "ready");
    assertThat(result).isEqualTo(Result.ok("ready"));
    assertThat(calls).hasValue(3);
    assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(100));
    assertThat(heard).containsExactly("1 result", "2 result");
  }

  @Test
  void whenAttemptsRunOutTheLastValueIsTheResult() {
    AtomicInteger calls = new AtomicInteger();
    Result<Failure, String> result = guard(3).call(() -> {
      calls.incrementAndGet();
      return "pending";
    });
    assertThat(result).isEqualTo(Result.ok("pending"));
    assertThat(calls).hasValue(3);
  }

  /** Configuration overrides change a retry through toBuilder(), which had dropped the predicate. */
  @Test
  void aRetryRebuiltFromItsBuilderKeepsItsResultPredicate() {
    Retry retry = Retry.builder().retryOnResult(String.class, value -> value.equals("pending")).build();
    Retry rebuilt = retry.toBuilder().maxAttempts(5).build();
    assertThat(rebuilt.retriesResults()).isTrue();
    assertThat(rebuilt.shouldRetryResult("pending")).isTrue();
    assertThat(rebuilt.shouldRetryResult("ready")).isFalse();
  }

  @Test
  void aGenericResultIsJudgedThroughItsRawClass() {
    java.util.function.Predicate<List<String>> empty = List::isEmpty;
    Guard guard = runtime.guard("list").retry(Retry.builder().retryOnResult(List.class, empty).build()).build();
    AtomicInteger calls = new AtomicInteger();
    Result<Failure, List<String>> result =
        guard.call(() -> calls.incrementAndGet() < 2 ? List.<String>of() : List.of("a"));
    assertThat(result).isEqualTo(Result.ok(List.of("a")));
    assertThat(calls).hasValue(2);
  }

  @Test
  void valuesOfOtherTypesAreNeverJudged() {
    AtomicInteger calls = new AtomicInteger();
    Result<Failure, Object> result = guard(3).call(() -> {
      calls.incrementAndGet();
      return 42;
    });
    assertThat(result).isEqualTo(Result.ok(42));
    assertThat(calls).hasValue(1);
  }

  @Test
  void aPredicateThatThrowsEndsTheCallWithItsException() {
    Guard guard = runtime.guard("broken").retry(Retry.builder()
        .retryOnResult(String.class, value -> {
          throw new IllegalStateException("bug in the predicate");
        })
        .build()).build();
    Result<Failure, String> result = guard.call(() -> "value");
    assertThat(result).isInstanceOfSatisfying(Result.Err.class, err ->
        assertThat(((Failure.Thrown) err.error()).cause()).hasMessage("bug in the predicate"));
  }

  /** A predicate that throws sneakily (neither an Exception nor an Error) ends the call the same way. */
  @Test
  void aPredicateThatThrowsARawThrowableEndsTheCallWithItWrapped() {
    Throwable raw = new Throwable("raw, from the predicate");
    Guard guard = runtime.guard("sneaky").retry(Retry.builder()
        .retryOnResult(String.class, value -> {
          throw RetryOnResultTest.<RuntimeException>sneaky(raw);
        })
        .build()).build();
    Result<Failure, String> result = guard.call(() -> "value");
    assertThat(result).isInstanceOfSatisfying(Result.Err.class, err ->
        assertThat(((Failure.Thrown) err.error()).cause())
            .isInstanceOf(java.lang.reflect.UndeclaredThrowableException.class).hasCause(raw));
  }

  @SuppressWarnings("unchecked")
  private static <X extends Throwable> X sneaky(Throwable t) throws X {
    throw (X) t;
  }

  @Test
  void exceptionsAreStillRetriedAsBefore() {
    AtomicInteger calls = new AtomicInteger();
    Result<Failure, String> result = guard(5).call(() -> switch (calls.incrementAndGet()) {
      case 1 -> throw new java.io.IOException("down");
      case 2 -> "pending";
      default -> "ready";
    });
    assertThat(result).isEqualTo(Result.ok("ready"));
    assertThat(heard).containsExactly("1 exception", "2 result");
  }
}
