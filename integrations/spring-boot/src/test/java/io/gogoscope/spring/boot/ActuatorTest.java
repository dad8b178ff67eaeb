package io.gogoscope.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.Result;
import io.gogoscope.spring.boot.app.ScopedGreeter;
import io.gogoscope.testing.ManualTimeSource;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The gogoscope endpoint, on Boot 4 and 3.5. */
class ActuatorTest {
  private final ManualTimeSource clock = new ManualTimeSource();

  ApplicationContextRunner runner() {
    return Contexts.runner()
        .withConfiguration(AutoConfigurations.of(GogoscopeActuatorAutoConfiguration.class))
        .withUserConfiguration(Contexts.GreeterApp.class)
        .withBean("manualClock", ScopeRuntimeCustomizer.class,
            () -> (ScopeRuntimeCustomizer) builder -> builder.timeSource(clock));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theEndpointListsBreakersAndTaskInterfaces() {
    runner().run(context -> {
      context.getBean(ScopedGreeter.class).greet("broken");
      Map<String, Object> description = context.getBean(GogoscopeEndpoint.class).describe();
      assertThat((Map<String, Object>) description.get("circuitBreakers"))
          .containsEntry("greetings", Map.of("state", "OPEN"));
      assertThat((Map<String, String>) description.get("taskInterfaces"))
          .containsEntry("io.gogoscope.spring.boot.app.Greeter", "io.gogoscope.spring.boot.app.ScopedGreeter");
    });
  }

  @Test
  void withoutActuatorNoEndpointAndNoHealth() {
    runner().withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate")).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean(GogoscopeEndpoint.class);
      assertThat(context).doesNotHaveBean("circuitBreakersHealthIndicator");
    });
  }
}
