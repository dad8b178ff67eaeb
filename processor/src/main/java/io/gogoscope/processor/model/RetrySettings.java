package io.gogoscope.processor.model;

import java.util.List;
import java.util.Optional;

/**
 * A {@code @Retry} as written on a method.
 *
 * @param position the annotation
 * @param attempts the most attempts
 * @param delay the base delay (a duration text)
 * @param maxDelay the delay cap (a duration text; empty for none)
 * @param backoff the name of the {@code Backoff} constant
 * @param multiplier the exponential growth factor
 * @param jitter the random spread, as a fraction
 * @param retryOn the exceptions to retry
 * @param abortOn the exceptions never to retry
 * @param retryOnResult the predicate that retries successful values, unless it is the default
 */
public record RetrySettings(
    Position position,
    Setting<Integer> attempts,
    Setting<String> delay,
    Setting<String> maxDelay,
    Setting<String> backoff,
    Setting<Double> multiplier,
    Setting<Double> jitter,
    Setting<List<ClassValue>> retryOn,
    Setting<List<ClassValue>> abortOn,
    Optional<ResultPredicateValue> retryOnResult) {}
