package io.gogoscope.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.CircuitState;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.config.ConfigurationException;
import io.gogoscope.policy.CircuitBreaker;
import io.gogoscope.spring.boot.app.ScopedGreeter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * gogoscope.tasks.*, gogoscope.circuit-breakers.* and gogoscope.&lt;policy&gt;.enabled from the
 * Environment reach the runtime, and a typo in them fails start-up naming the property.
 */
class ConfigurationOverridesTest {

  private static ApplicationContextRunner runner() {
    return Contexts.runner().withUserConfiguration(Contexts.GreeterApp.class);
  }

  private static CircuitBreaker greetings(ScopeRuntime runtime) {
    return runtime.circuitBreakers().find("greetings").orElseThrow();
  }

  @Test
  void aBreakerSettingReachesTheBreaker() {
    runner().withPropertyValues("gogoscope.circuit-breakers.greetings.failure-threshold=1",
        "gogoscope.circuit-breakers.greetings.reset-timeout=5s").run(context -> {
          CircuitBreaker.Config config = greetings(context.getBean(ScopeRuntime.class)).config();
          assertThat(config.failureThreshold()).isEqualTo(1);
          assertThat(config.resetTimeout()).hasSeconds(5);
        });
  }

  @Test
  void aTaskSettingReachesItsGuard() {
    // Two attempts of a broken call fill the breaker's window of two failures; one does not.
    runner().withPropertyValues("gogoscope.tasks[greeter.greet].retry.max-attempts=1").run(context -> {
      context.getBean(ScopedGreeter.class).greet("broken");
      assertThat(greetings(context.getBean(ScopeRuntime.class)).state()).isEqualTo(CircuitState.CLOSED);
    });
    runner().run(context -> {
      context.getBean(ScopedGreeter.class).greet("broken");
      assertThat(greetings(context.getBean(ScopeRuntime.class)).state()).isEqualTo(CircuitState.OPEN);
    });
  }

  @Test
  void applicationYmlIsRead() {
    yaml("overrides.yml").run(context -> {
      ScopeRuntime runtime = context.getBean(ScopeRuntime.class);
      assertThat(greetings(runtime).config().failureThreshold()).isEqualTo(1);
      // Bound for the metadata's sake too (the runtime reads the Environment itself).
      assertThat(context.getBean(GogoscopeProperties.class).getTasks().get("greeter.greet").getRetry().getMaxAttempts())
          .isEqualTo(1);
    });
  }

  @Test
  void aTypoInApplicationYmlIsReportedWithItsFileAndLine() {
    yaml("overrides-typo.yml").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("gogoscope.tasks.\"greeter.greet\".retry.max-attempts")
          .hasMessageContaining("overrides-typo.yml")
          .hasMessageContaining("6:");
    });
  }

  private static ApplicationContextRunner yaml(String file) {
    return runner().withInitializer(new ConfigDataApplicationContextInitializer())
        .withPropertyValues("spring.config.location=classpath:" + file);
  }

  @Test
  void aPolicySwitchForEveryTask() {
    runner().withPropertyValues("gogoscope.retry.enabled=false").run(context -> {
      context.getBean(ScopedGreeter.class).greet("broken");
      assertThat(greetings(context.getBean(ScopeRuntime.class)).state()).isEqualTo(CircuitState.CLOSED);
    });
  }

  @Test
  void anUnknownTaskFailsStartUpNamingThePropertyAndTheNearestTask() {
    runner().withPropertyValues("gogoscope.tasks[greeter.gret].retry.max-attempts=3").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("gogoscope.tasks.\"greeter.gret\".retry.max-attempts")
          .hasMessageContaining("no task is named \"greeter.gret\"")
          .hasMessageContaining("greeter.greet");
    });
  }

  @Test
  void bootReportsTheProblemAsAFailureAnalysis() {
    runner().withPropertyValues("gogoscope.tasks[greeter.gret].retry.max-attempts=3").run(context -> {
      var analysis = new ConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
      assertThat(analysis.getDescription()).startsWith("gogoscope configuration: gogoscope.tasks.\"greeter.gret\"");
      assertThat(analysis.getAction()).contains("Correct or remove gogoscope.tasks.\"greeter.gret\".retry.max-attempts");
    });
  }

  @Test
  void anUnknownBreakerFailsStartUp() {
    runner().withPropertyValues("gogoscope.circuit-breakers.greetngs.failure-threshold=1").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("gogoscope.circuit-breakers.greetngs.failure-threshold")
          .hasMessageContaining("greetings");
    });
  }

  @Test
  void aPolicyTheTaskDoesNotHaveFailsStartUp() {
    runner().withPropertyValues("gogoscope.tasks[greeter.runJob].retry.max-attempts=2").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("gogoscope.tasks.\"greeter.runJob\".retry.max-attempts")
          .hasMessageContaining("has no @Retry");
    });
  }

  @Test
  void anOutOfRangeValueFailsStartUpSayingWhatIsAccepted() {
    runner().withPropertyValues("gogoscope.tasks[greeter.greet].retry.max-attempts=0").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("gogoscope.tasks.\"greeter.greet\".retry.max-attempts")
          .hasMessageContaining("at least 1");
    });
  }

  @Test
  void anUnknownSettingFailsStartUpNamingTheProperty() {
    runner().withPropertyValues("gogoscope.tasks[greeter.greet].retry.max-atempts=3").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).hasStackTraceContaining("max-atempts");
    });
  }

  @Test
  void aWordForANumberFailsStartUpNamingTheProperty() {
    runner().withPropertyValues("gogoscope.circuit-breakers.greetings.window-size=many").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).hasStackTraceContaining("gogoscope.circuit-breakers.greetings.window-size");
    });
  }

  @Test
  void theStartersOwnPropertiesAreNotOverrides() {
    runner().withPropertyValues("gogoscope.metrics.enabled=false", "gogoscope.close-grace=2s",
        "gogoscope.health.open-is-down=false").run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void theConfigurationMetadataDescribesTheOverridesForIdes() throws Exception {
    String metadata;
    try (var in = GogoscopeProperties.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      metadata = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    // Map values typed as beans: IDEs complete gogoscope.tasks.<task>.retry.max-attempts and so on.
    assertThat(metadata)
        .contains("\"java.util.Map<java.lang.String,io.gogoscope.spring.boot.PolicyOverrides$Task>\"")
        .contains("\"java.util.Map<java.lang.String,io.gogoscope.spring.boot.PolicyOverrides$Breaker>\"")
        .contains("\"gogoscope.retry.enabled\"", "\"gogoscope.circuit-breaker.enabled\"");
  }
}
