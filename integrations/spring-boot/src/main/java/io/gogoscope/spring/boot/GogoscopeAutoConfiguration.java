package io.gogoscope.spring.boot;

import io.gogoscope.ScopeRuntime;
import io.gogoscope.store.Stores;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * gogoscope in a Spring Boot application: a {@link ScopeRuntime} built from the application's
 * {@code MeterRegistry}, {@code OpenTelemetry} and the stores chosen by
 * {@code gogoscope.store.type}, and a {@code Scoped*} bean for every bean implementing an
 * {@code @ScopeTask} interface. Every bean here backs off when the application declares its own.
 */
@AutoConfiguration(afterName = {
    // The stores need the DataSource or RedissonClient these declare (Boot 4 and Boot 3 names).
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
    "org.redisson.spring.starter.RedissonAutoConfigurationV2",
    "org.redisson.spring.starter.RedissonAutoConfiguration"})
@EnableConfigurationProperties(GogoscopeProperties.class)
@Import({StoresConfiguration.Redis.class, StoresConfiguration.Jdbc.class})
public class GogoscopeAutoConfiguration {

  /**
   * The runtime: the stores of {@code gogoscope.store.type} (the in-memory default for
   * {@code memory}), the close grace, the configuration overrides of the {@code Environment}, then
   * every {@link ScopeRuntimeCustomizer} in order.
   */
  @Bean
  @ConditionalOnMissingBean
  ScopeRuntime scopeRuntime(GogoscopeProperties properties, ConfigurableEnvironment environment,
      ObjectProvider<Stores> stores, ObjectProvider<ScopeRuntimeCustomizer> customizers) {
    // The runtime carries the forking thread's context (MDC, ...) into forked tasks itself, through
    // Micrometer's context-propagation when it is present; the property switches that off.
    ScopeRuntime.Builder builder = ScopeRuntime.builder()
        .closeGrace(properties.getCloseGrace())
        .contextPropagation(properties.getContextPropagation().isEnabled())
        // gogoscope.tasks.*, gogoscope.circuit-breakers.* and gogoscope.<policy>.enabled from every
        // property source; the runtime checks them against the processor's task index when built,
        // so a typo fails start-up with a ConfigurationException naming the property and its origin.
        .config(EnvironmentConfigSource.of(environment));
    Stores chosen = stores.getIfUnique();
    if (chosen != null) {
      builder.stores(chosen);
    } else if (properties.getStore().getType() != GogoscopeProperties.StoreType.MEMORY) {
      throw StoresConfiguration.missing(properties.getStore().getType());
    }
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  /**
   * Registers a {@code Scoped*} bean beside each bean that implements an {@code @ScopeTask}
   * interface listed in the processor's index. Static: a registry post-processor must not make its
   * configuration class an early bean.
   */
  @Bean
  static ScopedBeanRegistrar gogoscopeScopedBeanRegistrar() {
    return new ScopedBeanRegistrar();
  }

  /**
   * Graceful shutdown: on context close, waits up to the close grace for the runtime's running
   * scopes and calls (seen through an observer), then stops its threads.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBooleanProperty(name = "gogoscope.shutdown.enabled", matchIfMissing = true)
  static class Shutdown {
    @Bean
    RunningWork gogoscopeRunningWork() {
      return new RunningWork();
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    ScopeRuntimeCustomizer gogoscopeRunningWorkObserver(RunningWork work) {
      return builder -> builder.observer(work);
    }

    @Bean
    GogoscopeLifecycle gogoscopeLifecycle(ScopeRuntime runtime, RunningWork work) {
      return new GogoscopeLifecycle(runtime, work);
    }
  }

  /** Metrics in the application's {@code MeterRegistry} (Boot's, or one the application declares). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  @ConditionalOnBooleanProperty(name = "gogoscope.metrics.enabled", matchIfMissing = true)
  static class Metrics {
    @Bean
    @Order(0)
    ScopeRuntimeCustomizer gogoscopeMetrics(ObjectProvider<MeterRegistry> registry) {
      return builder -> registry.ifUnique(builder::meterRegistry);
    }
  }

  /** Spans through the application's {@code OpenTelemetry} bean. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(OpenTelemetry.class)
  @ConditionalOnBooleanProperty(name = "gogoscope.tracing.enabled", matchIfMissing = true)
  static class Tracing {
    @Bean
    @Order(0)
    ScopeRuntimeCustomizer gogoscopeTracing(ObjectProvider<OpenTelemetry> openTelemetry) {
      return builder -> openTelemetry.ifUnique(builder::openTelemetry);
    }
  }

  /** MDC, security context, ... carried into forked tasks through Micrometer's context-propagation. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(ContextSnapshotFactory.class)
  @ConditionalOnBooleanProperty(name = "gogoscope.context-propagation.enabled", matchIfMissing = true)
  static class ContextPropagation {
    @Bean
    @Order(0)
    ScopeRuntimeCustomizer gogoscopeContextPropagation() {
      if (ClassUtils.isPresent("org.slf4j.MDC", GogoscopeAutoConfiguration.class.getClassLoader())) {
        Mdc.register(ContextRegistry.getInstance());
      }
      return builder -> {}; // the runtime propagates; this only makes sure the MDC is registered
    }
  }

  /**
   * context-propagation ships an MDC accessor but does not register it; it is registered once in the
   * global registry (where Micrometer Tracing and Reactor look too) unless something already did.
   */
  private static final class Mdc {
    static void register(ContextRegistry registry) {
      synchronized (registry) {
        boolean present = registry.getThreadLocalAccessors().stream()
            .anyMatch(accessor -> Slf4jThreadLocalAccessor.KEY.equals(accessor.key()));
        if (!present) {
          registry.registerThreadLocalAccessor(new Slf4jThreadLocalAccessor());
        }
      }
    }
  }
}
