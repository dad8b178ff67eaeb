package io.gogoscope.policy;

import io.gogoscope.ScopeError;
import io.gogoscope.annotations.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * When and how often to try a failed call again. Immutable and thread-safe; build once, share.
 *
 * <pre>{@code
 * Retry retry = Retry.builder()
 *     .maxAttempts(3)
 *     .delay(Duration.ofMillis(100))
 *     .backoff(Backoff.EXPONENTIAL)
 *     .retryOn(IOException.class)
 *     .build();
 * }</pre>
 *
 * <p>What is retried: an exception is retried when it is an instance of a {@code retryOn} type (all
 * exceptions when none is given), is not an instance of an {@code abortOn} type, and passes the
 * {@code retryIf} predicate. A per-attempt timeout is retried unless
 * {@link Builder#retryOnTimeout(boolean) turned off}. Refusals by other policies (open circuit, rate
 * limit, lock held, bulkhead full) and cancellation are never retried: trying again at once could
 * only be refused again.
 *
 * <p>How long it waits: see {@link #delayBefore(int, Duration, RandomGenerator)}.
 */
public final class Retry {

  /**
   * The cap on delays when {@link Builder#maxDelay(Duration)} is not called: 30 seconds, or the
   * base delay when that is longer.
   */
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);

  private static final double DEFAULT_MULTIPLIER = 2.0;

  private final int maxAttempts;
  private final long delayNanos;
  private final long maxDelayNanos;
  private final Backoff backoff;
  private final double multiplier;
  private final double jitter;
  private final Class<?>[] retryOn;
  private final Class<?>[] abortOn;
  private final Predicate<? super Exception> retryIf;
  private final boolean retryOnTimeout;
  private final Class<?> resultType;
  private final Predicate<Object> retryOnResult;
  private final List<Listener> listeners;
  /** The builder's settings as given, for {@link #toBuilder()}. */
  private final long givenMaxDelayNanos;
  private final boolean multiplierSet;

  private Retry(Builder b, long maxDelayNanos) {
    this.givenMaxDelayNanos = b.maxDelayNanos;
    this.multiplierSet = b.multiplierSet;
    this.maxAttempts = b.maxAttempts;
    this.delayNanos = b.delayNanos;
    this.maxDelayNanos = maxDelayNanos;
    this.backoff = b.backoff;
    this.multiplier = b.multiplier;
    this.jitter = b.jitter;
    this.retryOn = b.retryOn.toArray(new Class<?>[0]);
    this.abortOn = b.abortOn.toArray(new Class<?>[0]);
    this.retryIf = b.retryIf;
    this.retryOnTimeout = b.retryOnTimeout;
    this.resultType = b.resultType;
    this.retryOnResult = b.retryOnResult;
    this.listeners = List.copyOf(b.listeners);
  }

  /**
   * A builder holding this retry's settings as they were given (an unset max delay stays unset),
   * to build a variant: configuration overrides change a generated retry this way.
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxAttempts = maxAttempts;
    b.delayNanos = delayNanos;
    b.maxDelayNanos = givenMaxDelayNanos;
    b.backoff = backoff;
    b.multiplier = multiplier;
    b.multiplierSet = multiplierSet;
    b.jitter = jitter;
    for (Class<?> type : retryOn) {
      b.retryOn.add(type.asSubclass(Exception.class));
    }
    for (Class<?> type : abortOn) {
      b.abortOn.add(type.asSubclass(Exception.class));
    }
    b.retryIf = retryIf;
    b.retryOnTimeout = retryOnTimeout;
    b.resultType = resultType;
    b.retryOnResult = retryOnResult;
    b.listeners.addAll(listeners);
    return b;
  }

  /** Starts a retry configuration: by default 3 attempts, no delay, fixed backoff, every exception. */
  public static Builder builder() {
    return new Builder();
  }

  /** The most attempts, the first included (1 means no retry). */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The base delay {@code d} of the {@link #delayBefore backoff formulas}. */
  public Duration delay() {
    return Duration.ofNanos(delayNanos);
  }

  /** The cap {@code M} on every delay. */
  public Duration maxDelay() {
    return Duration.ofNanos(maxDelayNanos);
  }

  /** How the delay grows. */
  public Backoff backoff() {
    return backoff;
  }

  /** The hooks called before each retry, in the order they were added. */
  public List<Listener> listeners() {
    return listeners;
  }

  /**
   * Whether {@code failure} of an attempt should be retried (attempts left aside). An exception
   * thrown by the {@code retryIf} predicate propagates to the caller of this method.
   */
  public boolean shouldRetry(Exception failure) {
    Objects.requireNonNull(failure, "failure");
    if (retryOn.length > 0 && !isInstanceOfAny(failure, retryOn)) {
      return false;
    }
    if (isInstanceOfAny(failure, abortOn)) {
      return false;
    }
    return retryIf == null || retryIf.test(failure);
  }

  private static boolean isInstanceOfAny(Exception failure, Class<?>[] types) {
    for (Class<?> type : types) {
      if (type.isInstance(failure)) {
        return true;
      }
    }
    return false;
  }

  /** Whether some successful attempts are retried for their value ({@link Builder#retryOnResult}). */
  public boolean retriesResults() {
    return retryOnResult != null;
  }

  /**
   * Whether an attempt that returned {@code value} should be tried again (attempts left aside):
   * {@code value} is {@code null} or of the {@code retryOnResult} type, and passes its predicate.
   * An exception thrown by the predicate propagates to the caller of this method.
   */
  public boolean shouldRetryResult(Object value) {
    return retryOnResult != null && (value == null || resultType.isInstance(value)) && retryOnResult.test(value);
  }

  /** Whether an attempt that timed out is retried. */
  public boolean retriesTimeouts() {
    return retryOnTimeout;
  }

  /**
   * The delay before retry number {@code retry} (1 for the first retry), given the delay used before
   * the previous one ({@link Duration#ZERO} before the first): backoff applied, jitter added, capped
   * at the maximum delay. Pure apart from {@code random}.
   *
   * <p>With base delay {@code d}, multiplier {@code m}, jitter fraction {@code j}, cap {@code M},
   * previous delay {@code p} and {@code u = random.nextDouble()} (uniform in [0, 1)):
   *
   * <ul>
   *   <li>{@link Backoff#FIXED}: {@code b = d};
   *   <li>{@link Backoff#LINEAR}: {@code b = d * retry};
   *   <li>{@link Backoff#EXPONENTIAL}: {@code b = d * m^(retry - 1)};
   *   <li>then, for these three, {@code c = min(b, M)} and the delay is
   *       {@code min(M, c * (1 + j * (2u - 1)))}: within {@code ±j} of {@code c}, never above
   *       {@code M}. Without jitter ({@code j = 0}) {@code random} is not used and the delay is
   *       {@code c}.
   *   <li>{@link Backoff#DECORRELATED_JITTER}: {@code min(M, d + u * (3 * max(p, d) - d))}, a
   *       uniform pick in {@code [d, 3 * max(p, d))}, capped at {@code M}.
   * </ul>
   *
   * Arithmetic saturates: a delay that would overflow is {@code M}. Every result lies in
   * {@code [0, M]}.
   *
   * @throws IllegalArgumentException when {@code retry < 1} or {@code previousDelay} is negative
   */
  public Duration delayBefore(int retry, Duration previousDelay, RandomGenerator random) {
    if (retry < 1) {
      throw new IllegalArgumentException(
          "retry is " + retry + "; retries are numbered from 1 (the first retry, after attempt 1)");
    }
    if (previousDelay.isNegative()) {
      throw new IllegalArgumentException(
          "previousDelay is " + previousDelay + "; pass the delay used before the previous retry, "
              + "or Duration.ZERO before the first");
    }
    return Duration.ofNanos(delayNanos(retry, saturatedNanos(previousDelay), random));
  }

  private long delayNanos(int retry, long previousNanos, RandomGenerator random) {
    if (backoff == Backoff.DECORRELATED_JITTER) {
      double low = delayNanos;
      double high = 3.0 * Math.max(previousNanos, delayNanos);
      return capped(low + random.nextDouble() * (high - low));
    }
    double base =
        switch (backoff) {
          case FIXED -> delayNanos;
          case LINEAR -> (double) delayNanos * retry;
          case EXPONENTIAL -> delayNanos * Math.pow(multiplier, retry - 1);
          case DECORRELATED_JITTER -> throw new AssertionError("handled above");
        };
    double cappedBase = Math.min(base, maxDelayNanos);
    if (jitter == 0) {
      return capped(cappedBase);
    }
    return capped(cappedBase * (1 + jitter * (2 * random.nextDouble() - 1)));
  }

  /** Rounds {@code nanos} into [0, M]; NaN and infinities (overflowed products) become M. */
  private long capped(double nanos) {
    if (!(nanos < maxDelayNanos)) {
      return maxDelayNanos;
    }
    return Math.max(0, Math.round(nanos));
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException tooLong) {
      // Longer than ~292 years: only the comparison with the base delay matters, and this wins it.
      return Long.MAX_VALUE;
    }
  }

  @Override
  public String toString() {
    return "Retry[maxAttempts=" + maxAttempts + ", delay=" + delay() + ", maxDelay=" + maxDelay()
        + ", backoff=" + backoff + ", multiplier=" + multiplier + ", jitter=" + jitter + "]";
  }

  /** Called before each retry, after its delay is chosen and before it elapses. */
  @FunctionalInterface
  public interface Listener {
    /**
     * Attempt {@code failedAttempt} of {@code call} failed with {@code failure}; the next starts
     * after {@code delay}.
     */
    void onRetry(String call, int failedAttempt, Duration delay, ScopeError failure);
  }

  /** Builds a {@link Retry}; every setter checks its argument and says what is wrong. */
  public static final class Builder {
    private int maxAttempts = 3;
    private long delayNanos;
    private long maxDelayNanos = -1; // unset: DEFAULT_MAX_DELAY or the base delay
    private Backoff backoff = Backoff.FIXED;
    private double multiplier = DEFAULT_MULTIPLIER;
    private boolean multiplierSet;
    private double jitter;
    private final List<Class<? extends Exception>> retryOn = new ArrayList<>();
    private final List<Class<? extends Exception>> abortOn = new ArrayList<>();
    private Predicate<? super Exception> retryIf;
    private boolean retryOnTimeout = true;
    private Class<?> resultType;
    private Predicate<Object> retryOnResult;
    private final List<Listener> listeners = new ArrayList<>();

    private Builder() {}

    /** The most attempts, the first included; at least 1. */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException(
            "maxAttempts is " + attempts + "; it counts the first attempt too, so it must be at "
                + "least 1 (1 means no retry)");
      }
      this.maxAttempts = attempts;
      return this;
    }

    /** The base delay before a retry; zero or more. */
    public Builder delay(Duration delay) {
      this.delayNanos = nonNegativeNanos("delay", delay);
      return this;
    }

    /** The cap on any delay; at least the base delay (checked by {@link #build()}). */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelayNanos = nonNegativeNanos("maxDelay", maxDelay);
      return this;
    }

    /** How the delay grows (default {@link Backoff#FIXED}). */
    public Builder backoff(Backoff backoff) {
      this.backoff = Objects.requireNonNull(backoff, "backoff is null; pass a Backoff, e.g. Backoff.FIXED");
      return this;
    }

    /**
     * The growth factor of {@link Backoff#EXPONENTIAL}; above 1 (default 2). Only exponential
     * backoff uses it, so {@link #build()} refuses it with any other backoff.
     */
    public Builder multiplier(double multiplier) {
      if (!(multiplier > 1) || Double.isInfinite(multiplier)) {
        throw new IllegalArgumentException(
            "multiplier is " + multiplier + "; exponential backoff needs a finite factor above 1 "
                + "(2 doubles the delay each retry); for a constant delay use Backoff.FIXED");
      }
      this.multiplier = multiplier;
      this.multiplierSet = true;
      return this;
    }

    /**
     * Random spread added to each delay, as a fraction of it in [0, 1] (0.2 gives ±20 %).
     * {@link Backoff#DECORRELATED_JITTER} is random already, so {@link #build()} refuses jitter
     * with it.
     */
    public Builder jitter(double fraction) {
      if (!(fraction >= 0 && fraction <= 1)) {
        throw new IllegalArgumentException(
            "jitter is " + fraction + "; give the spread as a fraction of the delay in [0, 1] "
                + "(0.2 spreads each delay by ±20 %, 0 turns jitter off)");
      }
      this.jitter = fraction;
      return this;
    }

    /** Retries only exceptions of these types (and their subtypes); adds to earlier calls. */
    @SafeVarargs
    public final Builder retryOn(Class<? extends Exception>... types) {
      requireSomeTypes("retryOn", types == null ? 0 : types.length);
      // Element by element: handing the generic varargs array itself on is what -Xlint flags.
      for (Class<? extends Exception> type : types) {
        retryOn.add(requireType("retryOn", type));
      }
      return this;
    }

    /** Never retries exceptions of these types, even when {@code retryOn} matches; adds to earlier calls. */
    @SafeVarargs
    public final Builder abortOn(Class<? extends Exception>... types) {
      requireSomeTypes("abortOn", types == null ? 0 : types.length);
      for (Class<? extends Exception> type : types) {
        abortOn.add(requireType("abortOn", type));
      }
      return this;
    }

    private static void requireSomeTypes(String what, int count) {
      if (count == 0) {
        throw new IllegalArgumentException(
            what + "() was given no types; name at least one exception class, e.g. "
                + what + "(IOException.class)");
      }
    }

    private static Class<? extends Exception> requireType(String what, Class<? extends Exception> type) {
      if (type == null) {
        throw new IllegalArgumentException(what + "() was given a null type; remove it");
      }
      return type;
    }

    /** Retries only exceptions that also pass {@code predicate}; with several, all must pass. */
    public Builder retryIf(Predicate<? super Exception> predicate) {
      Objects.requireNonNull(predicate, "retryIf predicate is null; pass e.g. e -> true");
      Predicate<? super Exception> earlier = retryIf;
      this.retryIf = earlier == null ? predicate : e -> earlier.test(e) && predicate.test(e);
      return this;
    }

    /**
     * Retries an attempt that succeeded with a value of {@code type} (or {@code null}) that passes
     * {@code predicate}, such as a "not ready yet" answer: {@code retryOnResult(Order.class, o ->
     * o.status() == PENDING)}. The attempt counts as a success for a circuit breaker. When the
     * attempts run out the last value is the call's result. Values of other types are never
     * retried. Calling it again replaces the earlier predicate.
     *
     * <p>{@code type} may be a raw class for a generic result ({@code List.class} with a
     * {@code Predicate<List<Order>>}): values are checked against it, their type arguments cannot
     * be. A {@code @Retry(retryOnResult = P.class)} generates this call with one instance of
     * {@code P}, created when the guard is built.
     */
    @SuppressWarnings("unchecked") // a value of type is taken as a T, as Class<? super T> allows
    public <T> Builder retryOnResult(Class<? super T> type, Predicate<? super T> predicate) {
      Objects.requireNonNull(type, "retryOnResult type is null; pass the result's class, e.g. Order.class");
      Objects.requireNonNull(predicate, "retryOnResult predicate is null; pass e.g. order -> order.isPending()");
      this.resultType = type;
      this.retryOnResult = value -> predicate.test((T) value);
      return this;
    }

    /** Whether an attempt that timed out is retried (default {@code true}). */
    public Builder retryOnTimeout(boolean retry) {
      this.retryOnTimeout = retry;
      return this;
    }

    /** Adds a hook called before each retry. */
    public Builder onRetry(Listener listener) {
      listeners.add(Objects.requireNonNull(listener, "onRetry listener is null; pass a Retry.Listener"));
      return this;
    }

    /**
     * The configured retry.
     *
     * @throws IllegalArgumentException when settings contradict each other: a max delay below the
     *     delay, a multiplier without exponential backoff, jitter with decorrelated jitter, or a
     *     {@code retryOn} type that an {@code abortOn} type always overrides
     */
    public Retry build() {
      long cap = maxDelayNanos >= 0 ? maxDelayNanos : Math.max(DEFAULT_MAX_DELAY.toNanos(), delayNanos);
      if (cap < delayNanos) {
        throw new IllegalArgumentException(
            "maxDelay " + Duration.ofNanos(cap) + " is below delay " + Duration.ofNanos(delayNanos)
                + "; raise maxDelay to at least the delay, or lower the delay");
      }
      if (multiplierSet && backoff != Backoff.EXPONENTIAL) {
        throw new IllegalArgumentException(
            "multiplier " + multiplier + " is set but backoff is " + backoff
                + ", which does not use it; use Backoff.EXPONENTIAL or remove multiplier()");
      }
      if (jitter > 0 && backoff == Backoff.DECORRELATED_JITTER) {
        throw new IllegalArgumentException(
            "jitter " + jitter + " is set with Backoff.DECORRELATED_JITTER, whose delays are random "
                + "already; remove jitter() or pick another backoff");
      }
      for (Class<? extends Exception> retried : retryOn) {
        for (Class<? extends Exception> aborted : abortOn) {
          if (aborted.isAssignableFrom(retried)) {
            throw new IllegalArgumentException(
                "retryOn(" + retried.getName() + ") can never match: abortOn("
                    + aborted.getName() + ") covers it; remove one of them");
          }
        }
      }
      return new Retry(this, cap);
    }

    private static long nonNegativeNanos(String what, Duration value) {
      if (value == null || value.isNegative()) {
        throw new IllegalArgumentException(
            what + " is " + value + "; give a duration of zero or more, e.g. Duration.ofMillis(100)");
      }
      try {
        return value.toNanos();
      } catch (ArithmeticException tooLong) {
        throw new IllegalArgumentException(
            what + " " + value + " is too long; give at most Long.MAX_VALUE nanoseconds (about 292 years)",
            tooLong);
      }
    }
  }
}
