package io.gogoscope.processor.model;

/**
 * One member of an annotation as the user wrote it (or its default), with where to point when it
 * is wrong.
 *
 * @param value the value, or the member's default
 * @param explicit whether the user wrote it
 * @param position the value when written, else the annotation
 * @param <T> the value's type
 */
public record Setting<T>(T value, boolean explicit, Position position) {}
