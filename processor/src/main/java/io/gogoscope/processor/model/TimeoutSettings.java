package io.gogoscope.processor.model;

/**
 * A {@code @Timeout} as written on a method.
 *
 * @param position the annotation
 * @param value the per-attempt timeout (a duration text; empty for none)
 * @param overall the whole-call timeout (a duration text; empty for none)
 */
public record TimeoutSettings(Position position, Setting<String> value, Setting<String> overall) {}
