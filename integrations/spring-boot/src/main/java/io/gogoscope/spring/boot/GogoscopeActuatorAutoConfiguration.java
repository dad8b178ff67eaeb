package io.gogoscope.spring.boot;

import io.gogoscope.ScopeRuntime;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * With Spring Boot Actuator on the class path: the {@code gogoscope} endpoint and the
 * {@code circuitBreakers} health contributor, on Boot 4 (whose health API is in
 * {@code spring-boot-health}) and on Boot 3.5 (whose health API is in {@code spring-boot-actuator}).
 * Both read the runtime's own breaker registry ({@code ScopeRuntime.circuitBreakers()}), so they
 * work as well with a runtime the application builds itself, and add no observer to the calls.
 */
@AutoConfiguration(after = GogoscopeAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(ScopeRuntime.class)
public class GogoscopeActuatorAutoConfiguration {
  /** The health contributor's bean name: Actuator reports it as {@code circuitBreakers}. */
  static final String HEALTH_BEAN = "circuitBreakersHealthIndicator";

  @Bean
  @ConditionalOnMissingBean
  GogoscopeEndpoint gogoscopeEndpoint(ScopeRuntime runtime) {
    return new GogoscopeEndpoint(runtime);
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  @ConditionalOnBooleanProperty(name = "management.health.gogoscope.enabled", matchIfMissing = true)
  static class HealthConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = HEALTH_BEAN)
    CircuitBreakersHealthIndicator circuitBreakersHealthIndicator(ScopeRuntime runtime, GogoscopeProperties properties) {
      return new CircuitBreakersHealthIndicator(runtime, properties.getHealth().isOpenIsDown());
    }
  }

  /** Boot 3.5's health API, where Boot 4's is absent: the same contributor (see {@link Boot3HealthIndicator}). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = Boot3HealthIndicator.API)
  @ConditionalOnMissingClass("org.springframework.boot.health.contributor.HealthIndicator")
  @ConditionalOnBooleanProperty(name = "management.health.gogoscope.enabled", matchIfMissing = true)
  @Import(Boot3HealthIndicator.Registrar.class)
  static class Boot3HealthConfiguration {}
}
