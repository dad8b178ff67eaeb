/**
 * The Spring Boot starter: {@link io.gogoscope.spring.boot.GogoscopeAutoConfiguration} builds a
 * {@code ScopeRuntime} from {@code gogoscope.*} properties
 * ({@link io.gogoscope.spring.boot.GogoscopeProperties}) and the context's stores, observers and
 * {@link io.gogoscope.spring.boot.ScopeRuntimeCustomizer}s, and registers each generated
 * {@code Scoped} implementation as a bean; the actuator side adds a circuit-breaker health
 * indicator and the {@code gogoscope} endpoint.
 *
 * <p>Used by: users of Spring Boot, through auto-configuration, properties and customizer beans.
 */
package io.gogoscope.spring.boot;
