package io.gogoscope.processor.model;

/**
 * A {@code @RateLimit} as written on a method.
 *
 * @param position the annotation
 * @param key the key template, resolved against the method's parameters
 * @param limit calls admitted per window
 * @param window the sliding window (a duration text)
 * @param maxWait how long to wait for a permit (a duration text)
 */
public record RateLimitSettings(
    Position position, KeyTemplate key, Setting<Integer> limit, Setting<String> window,
    Setting<String> maxWait) {}
