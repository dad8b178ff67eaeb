/**
 * Where a runtime reads its configuration overrides ({@code gogoscope.<task>.<policy>.<setting>}):
 * {@link io.gogoscope.config.ConfigSource} and the sources it builds (system properties,
 * environment, a map, several layered), and the {@link io.gogoscope.config.ConfigurationException}
 * a runtime throws at start-up for an override it cannot apply.
 *
 * <p>Used by: users and integrations (the Spring Boot starter adapts its environment to a
 * {@code ConfigSource}).
 */
package io.gogoscope.config;
