package io.gogoscope.processor.model;

/**
 * A {@code @Bulkhead} as written on a method or an interface.
 *
 * @param position the annotation
 * @param maxConcurrent attempts that may run at once
 * @param maxWait how long an attempt waits for a slot (a duration text)
 */
public record BulkheadSettings(Position position, Setting<Integer> maxConcurrent, Setting<String> maxWait) {}
