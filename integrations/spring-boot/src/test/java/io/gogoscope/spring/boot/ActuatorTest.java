package io.gogoscope.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gogoscope.Result;
import io.gogoscope.spring.boot.app.ScopedGreeter;
import io.gogoscope.testing.ManualTimeSource;
import java.lang.reflect.Method;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
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
      assertThat((Map<String, Map<String, Object>>) description.get("circuitBreakers"))
          .hasEntrySatisfying("greetings", breaker -> assertThat(breaker).containsEntry("state", "OPEN"));
      assertThat((Map<String, String>) description.get("taskInterfaces"))
          .containsEntry("io.gogoscope.spring.boot.app.Greeter", "io.gogoscope.spring.boot.app.ScopedGreeter");
    });
  }

  @Test
  @SuppressWarnings("unchecked")
  void theEndpointListsTheTasksWithTheirPoliciesAfterOverrides() {
    runner().withPropertyValues("gogoscope.tasks[greeter.greet].retry.max-attempts=4",
        "gogoscope.circuit-breakers.greetings.failure-threshold=1").run(context -> {
          Map<String, Object> description = context.getBean(GogoscopeEndpoint.class).describe();
          Map<String, Map<String, Map<String, Object>>> tasks =
              (Map<String, Map<String, Map<String, Object>>>) description.get("tasks");
          assertThat(tasks).containsOnlyKeys("greeter.greet", "greeter.runJob");
          assertThat(tasks.get("greeter.greet").get("retry")).containsEntry("max-attempts", 4)
              .containsEntry("delay", "PT0.001S");
          assertThat(tasks.get("greeter.greet").get("circuit-breaker")).containsEntry("name", "greetings");
          assertThat(tasks.get("greeter.runJob").get("distributed-lock")).containsEntry("ttl", "PT10S");
          Map<String, Object> breaker = context.getBean(GogoscopeEndpoint.class).breaker("greetings");
          assertThat((Map<String, Object>) breaker.get("config")).containsEntry("failure-threshold", 1);
        });
  }

  @Test
  void writeOperationsForceOpenForceClosedAndReset() {
    runner().run(context -> {
      GogoscopeEndpoint endpoint = context.getBean(GogoscopeEndpoint.class);
      ScopedGreeter greeter = context.getBean(ScopedGreeter.class);
      assertThat(endpoint.change("greetings", "force-open").getBody()).containsEntry("state", "FORCED_OPEN");
      assertThat(greeter.greet("ada")).isInstanceOf(Result.Err.class);
      assertThat(endpoint.change("greetings", "force-closed").getBody()).containsEntry("state", "FORCED_CLOSED");
      greeter.greet("broken");
      greeter.greet("broken"); // forced closed: failures do not open it
      assertThat(endpoint.breaker("greetings")).containsEntry("state", "FORCED_CLOSED");
      assertThat(endpoint.change("greetings", "reset").getBody()).containsEntry("state", "CLOSED");
      assertThat(endpoint.change("nobody", "reset").getStatus()).isEqualTo(404);
      assertThatThrownBy(() -> endpoint.change("greetings", "explode"))
          .isInstanceOf(InvalidEndpointRequestException.class).hasMessageContaining("force-open, force-closed or reset");
    });
  }

  @Test
  void writeOperationsAreOffUnlessAccessIsUnrestricted() throws Exception {
    // Boot's own switch: an endpoint whose default access is READ_ONLY exposes no write operation
    // until management.endpoint.gogoscope.access=unrestricted (the example's HTTP tests show both).
    assertThat(GogoscopeEndpoint.class.getAnnotation(Endpoint.class).defaultAccess()).isEqualTo(Access.READ_ONLY);
    Method change = GogoscopeEndpoint.class.getMethod("change", String.class, String.class);
    assertThat(change.isAnnotationPresent(WriteOperation.class)).isTrue();
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
