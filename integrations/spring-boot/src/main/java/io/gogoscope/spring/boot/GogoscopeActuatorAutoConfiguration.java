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
import org.springframework.core.annotation.Order;

/**
 * With Spring Boot Actuator on the class path: the {@code gogoscope} endpoint and, on Boot 4 (whose
 * health API moved to {@code spring-boot-health}), the {@code circuitBreakers} health contributor.
 * Both read the breaker states the starter's runtime reports; a runtime the application builds
 * itself reports to them when it adds the {@link CircuitStates} bean as an observer.
 */
@AutoConfiguration(after = GogoscopeAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(ScopeRuntime.class)
public class GogoscopeActuatorAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  CircuitStates gogoscopeCircuitStates() {
    return new CircuitStates();
  }

  @Bean
  @Order(10)
  ScopeRuntimeCustomizer gogoscopeCircuitStatesObserver(CircuitStates states) {
    return builder -> builder.observer(states);
  }

  @Bean
  @ConditionalOnMissingBean
  GogoscopeEndpoint gogoscopeEndpoint(ScopeRuntime runtime, CircuitStates states) {
    return new GogoscopeEndpoint(runtime, states);
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  @ConditionalOnBooleanProperty(name = "management.health.gogoscope.enabled", matchIfMissing = true)
  static class HealthConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "circuitBreakersHealthIndicator")
    CircuitBreakersHealthIndicator circuitBreakersHealthIndicator(CircuitStates states, GogoscopeProperties properties) {
      return new CircuitBreakersHealthIndicator(states, properties.getHealth().isOpenIsDown());
    }
  }
}
