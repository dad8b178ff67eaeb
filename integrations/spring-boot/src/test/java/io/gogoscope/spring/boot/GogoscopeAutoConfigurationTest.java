package io.gogoscope.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.Result;
import io.gogoscope.Scope;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.observe.ScopeObserver;
import io.gogoscope.spring.boot.app.FriendlyGreeter;
import io.gogoscope.spring.boot.app.Greeter;
import io.gogoscope.spring.boot.app.ScopedGreeter;
import io.gogoscope.spring.boot.app.ScopedGreeter.GreetError;
import io.gogoscope.store.InMemoryLockProvider;
import io.gogoscope.observe.otel.ScopeSpanAttributes;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** Every condition of the auto-configuration, on the in-memory store. */
class GogoscopeAutoConfigurationTest {

  @Test
  void aRuntimeWithInMemoryStoresByDefault() {
    Contexts.runner().run(context -> {
      assertThat(context).hasSingleBean(ScopeRuntime.class);
      assertThat(context.getBean(ScopeRuntime.class).lockProvider()).isInstanceOf(InMemoryLockProvider.class);
    });
  }

  @Test
  void theApplicationsOwnRuntimeWins() {
    ScopeRuntime own = ScopeRuntime.builder().build();
    Contexts.runner().withBean(ScopeRuntime.class, () -> own)
        .run(context -> assertThat(context.getBean(ScopeRuntime.class)).isSameAs(own));
  }

  @Test
  void closeGraceIsBound() {
    Contexts.runner().withPropertyValues("gogoscope.close-grace=3s")
        .run(context -> assertThat(context.getBean(ScopeRuntime.class).closeGrace()).isEqualTo(Duration.ofSeconds(3)));
  }

  @Test
  void aScopedBeanForEveryBeanImplementingATaskInterfaceReturnsTheTypedUnion() {
    Contexts.runner().withUserConfiguration(Contexts.GreeterApp.class).run(context -> {
      assertThat(context).hasSingleBean(ScopedGreeter.class);
      assertThat(context).hasBean("scopedGreeter");
      ScopedGreeter greeter = context.getBean(ScopedGreeter.class);
      assertThat(greeter.greet("ada")).isEqualTo(new Result.Ok<>("hello ada"));
      String outcome = switch (greeter.greet("broken")) {
        case Result.Ok<GreetError, String>(var text) -> text;
        case Result.Err<GreetError, String>(GreetError.Io io) -> "io: " + io.cause().getMessage();
        case Result.Err<GreetError, String>(var other) -> "other: " + other;
      };
      assertThat(outcome).isEqualTo("io: downstream is broken");
    });
  }

  @Test
  void theApplicationsOwnScopedBeanWins() {
    Contexts.runner().withUserConfiguration(Contexts.GreeterApp.class, OwnScoped.class).run(context -> {
      assertThat(context).hasSingleBean(ScopedGreeter.class);
      assertThat(context).doesNotHaveBean("scopedGreeter");
      assertThat(context).hasBean("ownScopedGreeter");
    });
  }

  @Test
  void twoImplementationsGiveTwoScopedBeansAndThePrimaryStaysPrimary() {
    Contexts.runner().withUserConfiguration(TwoGreeters.class).run(context -> {
      assertThat(context.getBeansOfType(ScopedGreeter.class)).containsOnlyKeys("scopedMain", "scopedBackup");
      assertThat(context.getBean(ScopedGreeter.class).greet("x")).isEqualTo(new Result.Ok<>("main"));
    });
  }

  @Test
  void noTaskBeanNoScopedBean() {
    Contexts.runner().run(context -> assertThat(context).doesNotHaveBean(ScopedGreeter.class));
  }

  @Test
  void metricsGoToTheApplicationsMeterRegistry() {
    Contexts.runner().withUserConfiguration(Contexts.GreeterApp.class)
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
          context.getBean(ScopedGreeter.class).greet("ada");
          assertThat(context.getBean(MeterRegistry.class).getMeters()).isNotEmpty();
        });
  }

  @Test
  void spansGoToTheApplicationsOpenTelemetry() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    Contexts.runner().withUserConfiguration(Contexts.GreeterApp.class)
        .withBean(OpenTelemetry.class, () -> openTelemetry(spans)).run(context -> {
          assertThat(context.getBean(ScopedGreeter.class).greet("ada")).isEqualTo(new Result.Ok<>("hello ada"));
          assertThat(spans.getFinishedSpanItems())
              .as("the guarded call's span, with the task's attributes")
              .anySatisfy(span -> {
                assertThat(span.getAttributes().get(ScopeSpanAttributes.TASK_HAS_RETRY)).isTrue();
                assertThat(span.getAttributes().get(ScopeSpanAttributes.TASK_HAS_CIRCUIT_BREAKER)).isTrue();
              });
        });
  }

  @Test
  void tracingCanBeTurnedOff() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    Contexts.runner().withUserConfiguration(Contexts.GreeterApp.class)
        .withPropertyValues("gogoscope.tracing.enabled=false")
        .withBean(OpenTelemetry.class, () -> openTelemetry(spans)).run(context -> {
          assertThat(context.getBean(ScopedGreeter.class).greet("ada")).isEqualTo(new Result.Ok<>("hello ada"));
          assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getName).isEmpty();
        });
  }

  /** An application's OpenTelemetry: the SDK, every span sampled, exported to {@code spans} as it ends. */
  private static OpenTelemetry openTelemetry(InMemorySpanExporter spans) {
    return OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .build();
  }

  @Test
  void metricsCanBeTurnedOff() {
    Contexts.runner().withUserConfiguration(Contexts.GreeterApp.class)
        .withPropertyValues("gogoscope.metrics.enabled=false", "gogoscope.context-propagation.enabled=false",
            "gogoscope.shutdown.enabled=false")
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
          context.getBean(ScopedGreeter.class).greet("ada");
          assertThat(context.getBean(MeterRegistry.class).getMeters()).isEmpty();
          assertThat(context.getBean(ScopeRuntime.class).observer()).isSameAs(ScopeObserver.NONE);
        });
  }

  @Test
  void withoutMicrometerOnTheClassPathTheRuntimeStillStarts() {
    Contexts.runner().withClassLoader(new FilteredClassLoader("io.micrometer.core", "io.micrometer.context"))
        .withPropertyValues("gogoscope.shutdown.enabled=false")
        .run(context -> assertThat(context.getBean(ScopeRuntime.class).observer()).isSameAs(ScopeObserver.NONE));
  }

  @Test
  void forkedTasksSeeTheMdcOfTheThreadThatOpenedTheirScope() {
    Contexts.runner().run(context -> {
      ScopeRuntime runtime = context.getBean(ScopeRuntime.class);
      MDC.put("request", "r-42");
      try (Scope scope = runtime.scope("request").open()) {
        assertThat(scope.fork("read", () -> MDC.get("request")).join()).isEqualTo(new Result.Ok<>("r-42"));
      } finally {
        MDC.remove("request");
      }
    });
  }

  @Test
  void forkedTasksSeeTheSpringSecurityContextOfTheThreadThatOpenedTheirScope() {
    Contexts.runner().run(context -> {
      ScopeRuntime runtime = context.getBean(ScopeRuntime.class);
      SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("ada", "secret"));
      try (Scope scope = runtime.scope("request").open()) {
        assertThat(scope.fork("who", () -> SecurityContextHolder.getContext().getAuthentication().getName()).join())
            .isEqualTo(new Result.Ok<>("ada"));
      } finally {
        SecurityContextHolder.clearContext();
      }
    });
  }

  @Test
  void withoutContextPropagationForkedTasksDoNotSeeTheMdc() {
    Contexts.runner().withPropertyValues("gogoscope.context-propagation.enabled=false").run(context -> {
      ScopeRuntime runtime = context.getBean(ScopeRuntime.class);
      MDC.put("request", "r-42");
      try (Scope scope = runtime.scope("request").open()) {
        assertThat(scope.fork("read", () -> String.valueOf(MDC.get("request"))).join()).isEqualTo(new Result.Ok<>("null"));
      } finally {
        MDC.remove("request");
      }
    });
  }

  @Test
  void aTypoUnderGogoscopeFailsStartUpNamingTheProperty() {
    Contexts.runner().withPropertyValues("gogoscope.store.tpye=redis").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("gogoscope.store.tpye");
    });
  }

  @Test
  void anUnknownStoreTypeFailsStartUp() {
    Contexts.runner().withPropertyValues("gogoscope.store.type=cassandra").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).hasStackTraceContaining("gogoscope.store.type");
    });
  }

  @Test
  void redisWithoutARedissonClientFailsStartUpSayingWhatIsMissing() {
    Contexts.runner().withPropertyValues("gogoscope.store.type=redis").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause()
          .hasMessageContaining("gogoscope.store.type=redis needs").hasMessageContaining("RedissonClient bean");
    });
  }

  @Test
  void jdbcWithoutTheModuleFailsStartUpSayingWhatIsMissing() {
    Contexts.runner().withClassLoader(new FilteredClassLoader("io.gogoscope.persistence.jdbi"))
        .withPropertyValues("gogoscope.store.type=jdbc").run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("gogoscope-persistence-jdbi");
        });
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnScoped {
    @Bean
    ScopedGreeter ownScopedGreeter(Greeter greeter) {
      return ScopedGreeter.of(greeter, ScopeRuntime.defaults());
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class TwoGreeters {
    @Bean
    @Primary
    Greeter main() {
      return new Fixed("main");
    }

    @Bean
    Greeter backup() {
      return new Fixed("backup");
    }
  }

  static final class Fixed extends FriendlyGreeter {
    private final String text;

    Fixed(String text) {
      this.text = text;
    }

    @Override
    public String greet(String name) {
      return text;
    }
  }
}
