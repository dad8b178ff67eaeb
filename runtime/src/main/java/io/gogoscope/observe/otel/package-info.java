/**
 * Traces through OpenTelemetry: {@link io.gogoscope.observe.otel.OpenTelemetryObserver} opens a
 * span per scope and per task, current on the task's thread; the attribute keys are the constants
 * of {@link io.gogoscope.observe.otel.ScopeSpanAttributes}. Needs the OpenTelemetry API on the class
 * path.
 *
 * <p>Used by: users (handed to {@code ScopeRuntime.builder().observer(...)}) and the Spring Boot
 * starter.
 */
package io.gogoscope.observe.otel;
