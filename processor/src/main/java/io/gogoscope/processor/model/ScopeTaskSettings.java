package io.gogoscope.processor.model;

/**
 * A {@code @ScopeTask} as written on an interface or a method.
 *
 * @param position the annotation
 * @param name the task name; empty for the default
 * @param timeout the whole-call timeout; empty for none
 */
public record ScopeTaskSettings(Position position, Setting<String> name, Setting<String> timeout) {}
