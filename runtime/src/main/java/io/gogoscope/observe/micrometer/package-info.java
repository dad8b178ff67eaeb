/**
 * Metrics through Micrometer: {@link io.gogoscope.observe.micrometer.MicrometerObserver} records
 * scope and task meters and circuit-breaker state;
 * {@link io.gogoscope.observe.micrometer.MetricsReporter} hands a registry's exported text to a
 * callback at a fixed interval. Needs Micrometer on the class path.
 *
 * <p>Used by: users (handed to {@code ScopeRuntime.builder().observer(...)}) and the Spring Boot
 * starter.
 */
package io.gogoscope.observe.micrometer;
