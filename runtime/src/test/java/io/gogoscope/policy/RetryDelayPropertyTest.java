package io.gogoscope.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.annotations.Backoff;
import java.time.Duration;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The contract of {@link Retry#delayBefore} (formulas on {@link Backoff}), for any settings. */
class RetryDelayPropertyTest {

  /** Settings of a retry; {@code jitter} and {@code multiplier} only where the backoff takes them. */
  record Settings(Backoff backoff, long delayNanos, long maxDelayNanos, double multiplier, double jitter) {
    Retry build() {
      Retry.Builder b = Retry.builder()
          .backoff(backoff)
          .delay(Duration.ofNanos(delayNanos))
          .maxDelay(Duration.ofNanos(maxDelayNanos));
      if (backoff == Backoff.EXPONENTIAL) {
        b.multiplier(multiplier);
      }
      if (backoff != Backoff.DECORRELATED_JITTER) {
        b.jitter(jitter);
      }
      return b.build();
    }

    Settings withoutJitter() {
      return new Settings(backoff, delayNanos, maxDelayNanos, multiplier, 0);
    }

    Settings decorrelated() {
      return new Settings(Backoff.DECORRELATED_JITTER, delayNanos, maxDelayNanos, 0, 0);
    }
  }

  @Provide
  Arbitrary<Settings> settings() {
    Arbitrary<Long> delay = Arbitraries.oneOf(
        Arbitraries.just(0L),
        Arbitraries.longs().between(1, 10_000_000_000L));
    Arbitrary<Long> extra = Arbitraries.oneOf(
        Arbitraries.just(0L),
        Arbitraries.longs().between(1, 100_000_000_000L),
        Arbitraries.just(Long.MAX_VALUE / 2));
    Arbitrary<Double> multiplier = Arbitraries.doubles().between(1.0001, 10).ofScale(4);
    Arbitrary<Double> jitter = Arbitraries.oneOf(Arbitraries.just(0.0), Arbitraries.doubles().between(0, 1));
    return Combinators.combine(Arbitraries.of(Backoff.class), delay, extra, multiplier, jitter)
        .as((backoff, d, e, m, j) -> new Settings(backoff, d, d + e, m, j));
  }

  @Property
  void everyDelayLiesBetweenZeroAndTheCap(
      @ForAll("settings") Settings s,
      @ForAll @IntRange(min = 1, max = 10_000) int retry,
      @ForAll long previousNanos,
      @ForAll long seed) {
    Duration delay = s.build().delayBefore(retry, Duration.ofNanos(Math.abs(previousNanos % Long.MAX_VALUE)), new SplittableRandom(seed));
    assertThat(delay).isBetween(Duration.ZERO, Duration.ofNanos(s.maxDelayNanos()));
  }

  @Property
  void fixedWithoutJitterIsConstant(
      @ForAll("settings") Settings s, @ForAll @IntRange(min = 1, max = 10_000) int retry, @ForAll long seed) {
    Settings fixed = new Settings(Backoff.FIXED, s.delayNanos(), s.maxDelayNanos(), 0, 0);
    assertThat(fixed.build().delayBefore(retry, Duration.ofNanos(seed & 0xFFFFFFFFL), new SplittableRandom(seed)))
        .isEqualTo(Duration.ofNanos(s.delayNanos()));
  }

  @Property
  void linearAndExponentialWithoutJitterGrowUntilTheCapThenStay(
      @ForAll("settings") Settings s, @ForAll @IntRange(min = 1, max = 200) int retry) {
    Settings plain = s.withoutJitter();
    if (plain.backoff() != Backoff.LINEAR && plain.backoff() != Backoff.EXPONENTIAL) {
      return;
    }
    Retry r = plain.build();
    SplittableRandom unused = new SplittableRandom(0);
    long now = r.delayBefore(retry, Duration.ZERO, unused).toNanos();
    long next = r.delayBefore(retry + 1, Duration.ZERO, unused).toNanos();
    assertThat(next).isGreaterThanOrEqualTo(now);
    double formula = plain.backoff() == Backoff.LINEAR
        ? (double) plain.delayNanos() * retry
        : plain.delayNanos() * Math.pow(plain.multiplier(), retry - 1);
    if (formula < plain.maxDelayNanos()) {
      assertThat((double) now).isCloseTo(formula, org.assertj.core.data.Offset.offset(1.0));
    } else {
      assertThat(now).isEqualTo(plain.maxDelayNanos());
    }
  }

  @Property
  void jitterStaysWithinItsFractionOfTheUnjitteredDelay(
      @ForAll("settings") Settings s,
      @ForAll @IntRange(min = 1, max = 200) int retry,
      @ForAll long seed) {
    if (s.backoff() == Backoff.DECORRELATED_JITTER) {
      return;
    }
    long plain = s.withoutJitter().build().delayBefore(retry, Duration.ZERO, new SplittableRandom(0)).toNanos();
    long jittered = s.build().delayBefore(retry, Duration.ZERO, new SplittableRandom(seed)).toNanos();
    double spread = s.jitter() * plain + rounding(plain);
    assertThat((double) jittered).isBetween(plain - spread, Math.min(plain + spread, s.maxDelayNanos()));
  }

  @Property
  void decorrelatedJitterLiesBetweenTheBaseAndThreeTimesThePrevious(
      @ForAll("settings") Settings s,
      @ForAll @IntRange(min = 1, max = 10_000) int retry,
      @ForAll long previousSeed,
      @ForAll long seed) {
    long previous = Math.floorMod(previousSeed, s.maxDelayNanos() + 1);
    long delay = s.decorrelated().build().delayBefore(retry, Duration.ofNanos(previous), new SplittableRandom(seed)).toNanos();
    double upper = Math.min(s.maxDelayNanos(), 3.0 * Math.max(previous, s.delayNanos()));
    upper += rounding(upper);
    assertThat(delay).isGreaterThanOrEqualTo(s.delayNanos());
    assertThat((double) delay).isLessThanOrEqualTo(upper);
  }

  @Property
  void aChainOfDecorrelatedDelaysStaysInBounds(
      @ForAll("settings") Settings s, @ForAll long seed) {
    Retry r = s.decorrelated().build();
    SplittableRandom random = new SplittableRandom(seed);
    Duration previous = Duration.ZERO;
    for (int n = 1; n <= 50; n++) {
      Duration delay = r.delayBefore(n, previous, random);
      assertThat(delay.toNanos()).isBetween(s.delayNanos(), s.maxDelayNanos());
      double upper = 3.0 * Math.max(previous.toNanos(), s.delayNanos());
      assertThat((double) delay.toNanos()).isLessThanOrEqualTo(upper + rounding(upper));
      previous = delay;
    }
  }

  /** Double arithmetic on nanoseconds is exact to within a few units in the last place. */
  private static double rounding(double nanos) {
    return 1 + nanos * 1e-12;
  }
}
