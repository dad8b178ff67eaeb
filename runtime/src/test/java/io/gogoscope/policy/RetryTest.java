package io.gogoscope.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gogoscope.Failure;
import io.gogoscope.ScopeError;
import io.gogoscope.annotations.Backoff;
import io.gogoscope.testing.ManualTimeSource;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryTest {
  private static final RandomGenerator NEVER_USED = () -> {
    throw new AssertionError("random used without jitter");
  };

  @Test
  void defaultsAreThreeAttemptsNoDelayEveryException() {
    Retry retry = Retry.builder().build();

    assertThat(retry.maxAttempts()).isEqualTo(3);
    assertThat(retry.delay()).isZero();
    assertThat(retry.maxDelay()).isEqualTo(Retry.DEFAULT_MAX_DELAY);
    assertThat(retry.backoff()).isEqualTo(Backoff.FIXED);
    assertThat(retry.retriesTimeouts()).isTrue();
    assertThat(retry.shouldRetry(new IOException())).isTrue();
    assertThat(retry.shouldRetry(new IllegalStateException())).isTrue();
    assertThat(retry.delayBefore(1, Duration.ZERO, NEVER_USED)).isZero();
  }

  @Test
  void defaultCapIsThirtySecondsOrTheDelayWhenLonger() {
    assertThat(Retry.builder().delay(Duration.ofMinutes(2)).build().maxDelay())
        .isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void fixedLinearAndExponentialSchedules() {
    assertThat(schedule(builder(Backoff.FIXED), 4)).containsExactly(ms(100), ms(100), ms(100), ms(100));
    assertThat(schedule(builder(Backoff.LINEAR), 4)).containsExactly(ms(100), ms(200), ms(300), ms(400));
    assertThat(schedule(builder(Backoff.EXPONENTIAL), 6))
        .containsExactly(ms(100), ms(200), ms(400), ms(800), ms(1000), ms(1000));
    assertThat(schedule(builder(Backoff.EXPONENTIAL).multiplier(3), 3))
        .containsExactly(ms(100), ms(300), ms(900));
  }

  @Test
  void hugeRetryNumbersSaturateAtTheCap() {
    Retry retry = builder(Backoff.EXPONENTIAL).multiplier(10).build();
    assertThat(retry.delayBefore(Integer.MAX_VALUE, Duration.ZERO, NEVER_USED)).isEqualTo(ms(1000));
    Retry linear = builder(Backoff.LINEAR).maxDelay(Duration.ofDays(365 * 200)).build();
    assertThat(linear.delayBefore(Integer.MAX_VALUE, Duration.ZERO, NEVER_USED))
        .isEqualTo(ms(100).multipliedBy(Integer.MAX_VALUE));
  }

  @Test
  void jitterSpreadsAroundTheCappedDelay() {
    Retry retry = builder(Backoff.FIXED).jitter(0.5).build();
    assertThat(retry.delayBefore(1, Duration.ZERO, constant(0.0))).isEqualTo(ms(50));
    assertThat(retry.delayBefore(1, Duration.ZERO, constant(0.5))).isEqualTo(ms(100));
    assertThat(retry.delayBefore(1, Duration.ZERO, constant(0.75))).isEqualTo(ms(125));
    Retry capped = builder(Backoff.EXPONENTIAL).jitter(0.5).build();
    // Retry 5 is capped at 1 s; jitter below the cap shows, above it is cut off.
    assertThat(capped.delayBefore(5, Duration.ZERO, constant(0.0))).isEqualTo(ms(500));
    assertThat(capped.delayBefore(5, Duration.ZERO, constant(0.99))).isEqualTo(ms(1000));
  }

  @Test
  void decorrelatedJitterPicksBetweenBaseAndThreeTimesThePrevious() {
    Retry retry = builder(Backoff.DECORRELATED_JITTER).maxDelay(Duration.ofSeconds(10)).build();
    assertThat(retry.delayBefore(1, Duration.ZERO, constant(0.0))).isEqualTo(ms(100));
    assertThat(retry.delayBefore(1, Duration.ZERO, constant(0.5))).isEqualTo(ms(200));
    assertThat(retry.delayBefore(2, ms(1000), constant(0.5))).isEqualTo(ms(1550));
    assertThat(retry.delayBefore(3, Duration.ofSeconds(9), constant(0.5))).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void classifiesByRetryOnAbortOnAndPredicate() {
    Retry retry = Retry.builder()
        .retryOn(IOException.class)
        .abortOn(FileNotFoundException.class)
        .retryIf(e -> !"fatal".equals(e.getMessage()))
        .build();

    assertThat(retry.shouldRetry(new IOException("flaky"))).isTrue();
    assertThat(retry.shouldRetry(new java.net.SocketException("reset"))).isTrue();
    assertThat(retry.shouldRetry(new FileNotFoundException("gone"))).isFalse();
    assertThat(retry.shouldRetry(new IOException("fatal"))).isFalse();
    assertThat(retry.shouldRetry(new IllegalStateException())).isFalse();
  }

  @Test
  void severalPredicatesMustAllPass() {
    Retry retry = Retry.builder()
        .retryIf(e -> e.getMessage() != null)
        .retryIf(e -> e.getMessage().startsWith("retry"))
        .build();
    assertThat(retry.shouldRetry(new IOException("retry me"))).isTrue();
    assertThat(retry.shouldRetry(new IOException("no"))).isFalse();
    assertThat(retry.shouldRetry(new IOException())).isFalse();
  }

  @Test
  void abortOnAloneStillRetriesEverythingElse() {
    Retry retry = Retry.builder().abortOn(IllegalArgumentException.class).build();
    assertThat(retry.shouldRetry(new IOException())).isTrue();
    assertThat(retry.shouldRetry(new IllegalArgumentException())).isFalse();
  }

  /** The way a guard drives a retry: attempts counted, delays slept on the manual clock. */
  @Test
  void retryLoopOnTheManualClockSleepsTheScheduleWithoutWaiting() throws Exception {
    ManualTimeSource time = new ManualTimeSource();
    List<String> heard = new ArrayList<>();
    Retry retry = builder(Backoff.EXPONENTIAL)
        .maxAttempts(4)
        .retryOn(IOException.class)
        .onRetry((call, attempt, delay, failure) -> heard.add(call + "#" + attempt + " " + delay.toMillis()))
        .build();
    int[] calls = {0};

    String result = drive(retry, time, () -> {
      if (++calls[0] < 4) {
        throw new IOException("flaky " + calls[0]);
      }
      return "ok";
    });

    assertThat(result).isEqualTo("ok");
    assertThat(calls[0]).isEqualTo(4);
    assertThat(time.sleeps()).containsExactly(ms(100), ms(200), ms(400));
    assertThat(time.elapsed()).isEqualTo(ms(700));
    assertThat(heard).containsExactly("fetch#1 100", "fetch#2 200", "fetch#3 400");
  }

  @Test
  void retryLoopStopsAtOnceOnAnExceptionItMustNotRetry() {
    ManualTimeSource time = new ManualTimeSource();
    Retry retry = builder(Backoff.FIXED).maxAttempts(5).retryOn(IOException.class).build();
    int[] calls = {0};

    assertThatThrownBy(() -> drive(retry, time, () -> {
      calls[0]++;
      throw new IllegalStateException("bug");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(calls[0]).isEqualTo(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void retryLoopGivesUpAfterMaxAttempts() {
    ManualTimeSource time = new ManualTimeSource();
    Retry retry = builder(Backoff.LINEAR).maxAttempts(3).build();
    int[] calls = {0};

    assertThatThrownBy(() -> drive(retry, time, () -> {
      calls[0]++;
      throw new IOException("down");
    })).isInstanceOf(IOException.class);
    assertThat(calls[0]).isEqualTo(3);
    assertThat(time.sleeps()).containsExactly(ms(100), ms(200));
  }

  @Test
  void settersSayWhatToDo() {
    assertThatThrownBy(() -> Retry.builder().maxAttempts(0))
        .hasMessageContaining("maxAttempts is 0").hasMessageContaining("at least 1");
    assertThatThrownBy(() -> Retry.builder().delay(ms(-1)))
        .hasMessageContaining("delay is PT-0.001S").hasMessageContaining("zero or more");
    assertThatThrownBy(() -> Retry.builder().maxDelay(null)).hasMessageContaining("maxDelay is null");
    assertThatThrownBy(() -> Retry.builder().delay(Duration.ofDays(365L * 1000)))
        .hasMessageContaining("too long");
    assertThatThrownBy(() -> Retry.builder().multiplier(1)).hasMessageContaining("above 1");
    assertThatThrownBy(() -> Retry.builder().multiplier(Double.NaN)).hasMessageContaining("above 1");
    assertThatThrownBy(() -> Retry.builder().jitter(1.5)).hasMessageContaining("[0, 1]");
    assertThatThrownBy(() -> Retry.builder().jitter(Double.NaN)).hasMessageContaining("[0, 1]");
    assertThatThrownBy(() -> Retry.builder().retryOn()).hasMessageContaining("retryOn(IOException.class)");
    assertThatThrownBy(() -> Retry.builder().abortOn(IOException.class, null)).hasMessageContaining("null type");
    assertThatThrownBy(() -> Retry.builder().backoff(null)).hasMessageContaining("Backoff.FIXED");
  }

  @Test
  void buildRefusesContradictions() {
    assertThatThrownBy(() -> Retry.builder().delay(ms(500)).maxDelay(ms(100)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxDelay PT0.1S is below delay PT0.5S");
    assertThatThrownBy(() -> Retry.builder().multiplier(3).build())
        .hasMessageContaining("backoff is FIXED, which does not use it");
    assertThatThrownBy(() -> Retry.builder().backoff(Backoff.DECORRELATED_JITTER).jitter(0.1).build())
        .hasMessageContaining("random already");
    assertThatThrownBy(() -> Retry.builder().retryOn(FileNotFoundException.class).abortOn(IOException.class).build())
        .hasMessageContaining("retryOn(java.io.FileNotFoundException) can never match");
  }

  @Test
  void delayBeforeRejectsBadArguments() {
    Retry retry = Retry.builder().build();
    assertThatThrownBy(() -> retry.delayBefore(0, Duration.ZERO, NEVER_USED)).hasMessageContaining("numbered from 1");
    assertThatThrownBy(() -> retry.delayBefore(1, ms(-1), NEVER_USED)).hasMessageContaining("Duration.ZERO");
  }

  @Test
  void builtRetryIsUnaffectedByLaterBuilderChanges() {
    Retry.Builder builder = Retry.builder().retryOn(IOException.class);
    Retry retry = builder.build();
    builder.retryOn(IllegalStateException.class).maxAttempts(9);
    assertThat(retry.shouldRetry(new IllegalStateException())).isFalse();
    assertThat(retry.maxAttempts()).isEqualTo(3);
  }

  private static Retry.Builder builder(Backoff backoff) {
    return Retry.builder().delay(ms(100)).maxDelay(ms(1000)).backoff(backoff);
  }

  private static List<Duration> schedule(Retry.Builder builder, int retries) {
    Retry retry = builder.build();
    List<Duration> delays = new ArrayList<>();
    Duration previous = Duration.ZERO;
    for (int n = 1; n <= retries; n++) {
      previous = retry.delayBefore(n, previous, NEVER_USED);
      delays.add(previous);
    }
    return delays;
  }

  /** Drives {@code body} with {@code retry} as the guard does, minus timeouts and other policies. */
  private static <T> T drive(Retry retry, ManualTimeSource time, Callable<T> body) throws Exception {
    RandomGenerator random = new SplittableRandom(1);
    Duration previous = Duration.ZERO;
    for (int attempt = 1; ; attempt++) {
      try {
        return body.call();
      } catch (Exception e) {
        if (attempt == retry.maxAttempts() || !retry.shouldRetry(e)) {
          throw e;
        }
        previous = retry.delayBefore(attempt, previous, random);
        ScopeError failure = new Failure.Thrown(e);
        for (Retry.Listener listener : retry.listeners()) {
          listener.onRetry("fetch", attempt, previous, failure);
        }
        time.sleep(previous);
      }
    }
  }

  private static RandomGenerator constant(double u) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException();
      }

      @Override
      public double nextDouble() {
        return u;
      }
    };
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
