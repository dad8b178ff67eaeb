package io.gogoscope.spring.boot;

import io.gogoscope.ScopeRuntime;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With Spring Boot Actuator on the class path: the {@code gogoscope} endpoint and, on Boot 4 (whose
 * health API moved to {@code spring-boot-health}), the {@code circuitBreakers} health contributor.
 * Both read the runtime's own breaker registry ({@code ScopeRuntime.circuitBreakers()}), so they
 * work as well with a runtime the application builds itself, and add no observer to the calls.
 */
@AutoConfiguration(after = GogoscopeAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(ScopeRuntime.class)
public class GogoscopeActuatorAutoConfiguration {

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
    @ConditionalOnMissingBean(name = "circuitBreakersHealthIndicator")
    CircuitBreakersHealthIndicator circuitBreakersHealthIndicator(ScopeRuntime runtime, GogoscopeProperties properties) {
      return new CircuitBreakersHealthIndicator(runtime, properties.getHealth().isOpenIsDown());
    }
  }
}
