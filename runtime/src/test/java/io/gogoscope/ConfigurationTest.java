package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gogoscope.config.ConfigSource;
import io.gogoscope.config.ConfigurationException;
import io.gogoscope.config.DiscoveredTestSource;
import io.gogoscope.policy.CircuitBreaker;
import io.gogoscope.policy.Retry;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Configuration overrides: applied to guards and breakers as they are built, precedence between
 * sources and between switches, and every kind of mistake rejected when the runtime is built. The
 * task index is src/test/resources/META-INF/gogoscope/tasks/io.gogoscope.ConfigurationTest.
 */
@Timeout(30)
class ConfigurationTest {

  private static ScopeRuntime runtime(Map<String, String> properties) {
    return ScopeRuntime.builder().config(ConfigSource.of(properties)).build();
  }

  /** A guard as generated code builds the task orders.fetch: 3 attempts, a 10 s attempt timeout. */
  private static Guard fetch(ScopeRuntime runtime) {
    return runtime.guard("orders.fetch")
        .retry(Retry.builder().maxAttempts(3).build())
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  private static int attemptsOfFailingCall(Guard guard) {
    AtomicInteger calls = new AtomicInteger();
    Result<Failure, Object> result = guard.call(() -> {
      calls.incrementAndGet();
      throw new IOException("down");
    });
    assertThat(result).isInstanceOf(Result.Err.class);
    return calls.get();
  }

  @Test
  void annotationValuesApplyWithoutOverrides() {
    assertThat(attemptsOfFailingCall(fetch(runtime(Map.of())))).isEqualTo(3);
  }

  @Test
  void anOverrideReplacesTheAnnotationValue() {
    ScopeRuntime runtime = runtime(Map.of("gogoscope.tasks.\"orders.fetch\".retry.max-attempts", "5"));
    assertThat(attemptsOfFailingCall(fetch(runtime))).isEqualTo(5);
  }

  @Test
  void bracketsQuoteATaskNameAsSpringWritesMapKeys() {
    ScopeRuntime runtime = runtime(Map.of("gogoscope.tasks[orders.fetch].retry.max-attempts", "2"));
    assertThat(attemptsOfFailingCall(fetch(runtime))).isEqualTo(2);
  }

  @Test
  void aTimeoutOverrideBoundsTheAttempt() {
    ScopeRuntime runtime = runtime(Map.of(
        "gogoscope.tasks.\"orders.fetch\".timeout.value", "50ms",
        "gogoscope.tasks.\"orders.fetch\".retry.max-attempts", "1"));
    Result<Failure, Object> result = fetch(runtime).call(() -> {
      Thread.sleep(5_000);
      return "late";
    });
    assertThat(result).isEqualTo(Result.err(new Failure.TimedOut(Duration.ofMillis(50))));
  }

  @Test
  void otherRetrySettingsKeepTheirAnnotationValues() {
    ScopeRuntime runtime = runtime(Map.of("gogoscope.tasks.\"orders.fetch\".retry.delay", "2ms"));
    Guard guard = runtime.guard("orders.fetch")
        .retry(Retry.builder().maxAttempts(4).retryOn(IOException.class).build())
        .build();
    AtomicInteger calls = new AtomicInteger();
    guard.call(() -> {
      calls.incrementAndGet();
      throw new IllegalStateException("not retried: retryOn is IOException");
    });
    assertThat(calls).hasValue(1);
    assertThat(attemptsOfFailingCall(guard)).isEqualTo(4);
  }

  @Test
  void aTaskSwitchTurnsItsPolicyOff() {
    ScopeRuntime runtime = runtime(Map.of("gogoscope.tasks.\"orders.fetch\".retry.enabled", "false"));
    assertThat(attemptsOfFailingCall(fetch(runtime))).isEqualTo(1);
  }

  @Test
  void theTaskSwitchBeatsThePolicySwitch() {
    ScopeRuntime off = runtime(Map.of("gogoscope.retry.enabled", "false"));
    assertThat(attemptsOfFailingCall(fetch(off))).isEqualTo(1);
    ScopeRuntime onForThisTask = runtime(Map.of(
        "gogoscope.retry.enabled", "false",
        "gogoscope.tasks.\"orders.fetch\".retry.enabled", "true"));
    assertThat(attemptsOfFailingCall(fetch(onForThisTask))).isEqualTo(3);
  }

  @Test
  void aSwitchedOffPolicyIgnoresItsSettings() {
    ScopeRuntime runtime = runtime(Map.of(
        "gogoscope.tasks.\"orders.fetch\".timeout.enabled", "false",
        "gogoscope.tasks.\"orders.fetch\".timeout.value", "10ms",
        "gogoscope.tasks.\"orders.fetch\".retry.max-attempts", "1"));
    Result<Failure, Object> result = fetch(runtime).call(() -> {
      Thread.sleep(100);
      return "in time: no timeout";
    });
    assertThat(result).isEqualTo(Result.ok("in time: no timeout"));
  }

  @Test
  void breakerSettingsChangeTheNamedBreaker() {
    ScopeRuntime runtime = runtime(Map.of(
        "gogoscope.circuit-breakers.payments.failure-threshold", "2",
        "gogoscope.circuit-breakers.payments.reset-timeout", "1m"));
    CircuitBreaker breaker = runtime.circuitBreaker("payments",
        new CircuitBreaker.Config(5, 0, 0, 20, Duration.ofSeconds(30), 1, 1, false));
    assertThat(breaker.config()).isEqualTo(
        new CircuitBreaker.Config(2, 0, 0, 20, Duration.ofMinutes(1), 1, 1, false));
    // The generated code of a second task asks for the breaker with the same annotation values.
    assertThat(runtime.circuitBreaker("payments",
        new CircuitBreaker.Config(5, 0, 0, 20, Duration.ofSeconds(30), 1, 1, false))).isSameAs(breaker);
  }

  @Test
  void aBreakerSwitchTurnsTheBreakerOffForItsTasks() {
    ScopeRuntime runtime = runtime(Map.of("gogoscope.circuit-breakers.payments.enabled", "false"));
    CircuitBreaker breaker = runtime.circuitBreaker("payments", CircuitBreaker.Config.failures(1, Duration.ofMinutes(1)));
    Guard guard = runtime.guard("orders.refund").circuitBreaker(breaker).build();
    for (int i = 0; i < 3; i++) {
      attemptsOfFailingCall(guard);
    }
    assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED); // never asked
  }

  @Test
  void aBreakerOverrideThatClashesWithItsOtherSettingsNamesTheProperty() {
    ScopeRuntime runtime = runtime(Map.of("gogoscope.circuit-breakers.payments.failure-threshold", "30"));
    assertThatThrownBy(() -> runtime.circuitBreaker("payments",
        new CircuitBreaker.Config(5, 0, 0, 20, Duration.ofSeconds(30), 1, 1, false)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("gogoscope.circuit-breakers.payments.failure-threshold")
        .hasMessageContaining("windowSize");
  }

  @Test
  void aRetryOverrideThatClashesNamesTheProperty() {
    ScopeRuntime runtime = runtime(Map.of("gogoscope.tasks.\"orders.fetch\".retry.delay", "2s",
        "gogoscope.tasks.\"orders.fetch\".retry.max-delay", "1s"));
    assertThatThrownBy(() -> fetch(runtime))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("retry.max-delay")
        .hasMessageContaining("is below delay");
  }

  // ---------------------------------------------------------------------------------------------
  // Mistakes, rejected when the runtime is built.

  @Test
  void anUnknownTaskIsRejectedWithASuggestion() {
    assertThatThrownBy(() -> runtime(Map.of("gogoscope.tasks.\"orders.fetsh\".retry.max-attempts", "5")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("gogoscope.tasks.\"orders.fetsh\".retry.max-attempts (from map)")
        .hasMessageContaining("no task is named \"orders.fetsh\"; did you mean orders.fetch?")
        .satisfies(e -> assertThat(((ConfigurationException) e).property())
            .isEqualTo("gogoscope.tasks.\"orders.fetsh\".retry.max-attempts"));
  }

  @Test
  void anUnknownSettingIsRejectedWithWhatThePolicyAccepts() {
    assertThatThrownBy(() -> runtime(Map.of("gogoscope.tasks.\"orders.fetch\".retry.max-attemps", "5")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("@Retry has no setting \"max-attemps\"; did you mean max-attempts?")
        .hasMessageContaining("it accepts: enabled, max-attempts, delay, max-delay, backoff, multiplier, jitter");
  }

  @Test
  void aPolicyTheTaskDoesNotHaveIsRejected() {
    assertThatThrownBy(() -> runtime(Map.of("gogoscope.tasks.\"orders.fetch\".rate-limit.limit", "5")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("task \"orders.fetch\" has no @RateLimit")
        .hasMessageContaining("the policies of \"orders.fetch\": retry, timeout");
  }

  @Test
  void otherComponentsPropertiesUnderTheSamePrefixAreLeftToThem() {
    // The examples and the stores read gogoscope.store.*, the Spring Boot starter gogoscope.metrics.*
    // and more: a runtime reading every system property must not refuse them.
    ScopeRuntime runtime = runtime(Map.of(
        "gogoscope.store", "sqlite",
        "gogoscope.store.url", "jdbc:sqlite:x.db",
        "gogoscope.metrics.address", "0.0.0.0",
        "gogoscope.tasks.\"orders.fetch\".retry.max-attempts", "2"));
    assertThat(runtime).isNotNull();
  }

  @Test
  void aNearMissOfAPolicyAtTheTopIsStillATypo() {
    assertThatThrownBy(() -> runtime(Map.of("gogoscope.retyr.enabled", "false")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("did you mean retry?");
  }

  @Test
  void anUnknownPolicyIsRejected() {
    assertThatThrownBy(() -> runtime(Map.of("gogoscope.tasks.\"orders.fetch\".retri.max-attempts", "5")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("\"retri\" is not a policy; did you mean retry?");
    assertThatThrownBy(() -> runtime(Map.of("gogoscope.retyr.enabled", "false")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("did you mean retry?");
  }

  @Test
  void breakerSettingsUnderATaskPointToTheBreaker() {
    assertThatThrownBy(() -> runtime(Map.of("gogoscope.tasks.\"orders.place\".circuit-breaker.failure-threshold", "5")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("gogoscope.circuit-breakers.payments.failure-threshold");
  }

  @Test
  void anUnknownBreakerIsRejected() {
    assertThatThrownBy(() -> runtime(Map.of("gogoscope.circuit-breakers.paymnets.failure-threshold", "5")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("no circuit breaker is named \"paymnets\"; did you mean payments?");
  }

  @Test
  void outOfRangeAndMalformedValuesSayWhatIsAccepted() {
    assertThatThrownBy(() -> runtime(Map.of("gogoscope.tasks.\"orders.fetch\".retry.max-attempts", "0")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("\"0\" is not accepted; give a whole number of at least 1");
    assertThatThrownBy(() -> runtime(Map.of("gogoscope.tasks.\"orders.fetch\".timeout.value", "300 millis")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("give a positive duration of at most 100 years: a whole number and a unit");
    assertThatThrownBy(() -> runtime(Map.of("gogoscope.tasks.\"orders.fetch\".timeout.value", "0s")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("positive duration");
    assertThatThrownBy(() -> runtime(Map.of("gogoscope.tasks.\"orders.fetch\".retry.enabled", "no")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("give true or false");
    assertThatThrownBy(() -> runtime(Map.of("gogoscope.tasks.\"orders.fetch\".retry.backoff", "quadratic")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("one of FIXED, LINEAR, EXPONENTIAL, DECORRELATED_JITTER");
    assertThatThrownBy(() -> runtime(Map.of("gogoscope.circuit-breakers.payments.failure-ratio", "1.5")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("at most 1");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThatThrownBy(() -> runtime(Map.of(
        "gogoscope.tasks.\"orders.fetch\".retry.max-attempts", "0",
        "gogoscope.tasks.nope.retry.enabled", "false",
        "gogoscope.timeout.enabled", "maybe")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("gogoscope configuration has 3 problems:");
  }

  @Test
  void aTaskNameWithDotsMustBeQuoted() {
    assertThatThrownBy(() -> runtime(Map.of("gogoscope.tasks.orders.fetch.retry.max-attempts", "5")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("no task is named \"orders\"");
  }

  @Test
  void propertiesOutsideGogoscopeAreIgnored() {
    ScopeRuntime runtime = runtime(Map.of("gogoscopeish", "1", "spring.application.name", "orders"));
    assertThat(attemptsOfFailingCall(fetch(runtime))).isEqualTo(3);
  }

  // ---------------------------------------------------------------------------------------------
  // Sources and precedence.

  @Test
  void environmentVariablesUseMicroProfileNames() {
    ConfigSource environment = ConfigSource.environment(Map.of(
        "GOGOSCOPE_TASKS__ORDERS_FETCH__RETRY_MAX_ATTEMPTS", "4", "PATH", "/usr/bin"));
    assertThat(ConfigSource.environmentName("gogoscope.tasks.\"orders.fetch\".retry.max-attempts"))
        .isEqualTo("GOGOSCOPE_TASKS__ORDERS_FETCH__RETRY_MAX_ATTEMPTS");
    assertThat(environment.value("gogoscope.tasks.\"orders.fetch\".retry.max-attempts")).isEqualTo("4");
    ScopeRuntime runtime = ScopeRuntime.builder().config(environment).build();
    assertThat(attemptsOfFailingCall(fetch(runtime))).isEqualTo(4);
  }

  @Test
  void aMisspeltEnvironmentVariableIsRejectedWithASuggestion() {
    ConfigSource environment = ConfigSource.environment(Map.of("GOGOSCOPE_TASKS__ORDERS_FETCH__RETRY_MAX_ATEMPTS", "4"));
    assertThatThrownBy(() -> ScopeRuntime.builder().config(environment).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("GOGOSCOPE_TASKS__ORDERS_FETCH__RETRY_MAX_ATEMPTS (from environment variables)")
        .hasMessageContaining("did you mean GOGOSCOPE_TASKS__ORDERS_FETCH__RETRY_MAX_ATTEMPTS?");
  }

  @Test
  void otherGogoscopeVariablesOfTheDeploymentAreNotJudged() {
    ConfigSource environment = ConfigSource.environment(Map.of("GOGOSCOPE_PROJECT_ROOT", "/srv/app"));
    assertThat(attemptsOfFailingCall(fetch(ScopeRuntime.builder().config(environment).build()))).isEqualTo(3);
  }

  @Test
  void inACompositeTheFirstSourceWins() {
    String key = "gogoscope.tasks.\"orders.fetch\".retry.max-attempts";
    Properties properties = new Properties();
    properties.setProperty(key, "2");
    ScopeRuntime runtime = ScopeRuntime.builder()
        .config(ConfigSource.composite(ConfigSource.of(properties), ConfigSource.of(Map.of(key, "6"))))
        .build();
    assertThat(attemptsOfFailingCall(fetch(runtime))).isEqualTo(2);
  }

  @Test
  void aHiddenPropertyIsCheckedToo() {
    String key = "gogoscope.tasks.\"orders.fetch\".retry.max-attempts";
    assertThatThrownBy(() -> ScopeRuntime.builder()
        .config(ConfigSource.composite(ConfigSource.of(Map.of(key, "2")), ConfigSource.of("defaults", Map.of(key, "-1"))))
        .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("(from defaults)");
  }

  @Test
  void theStandardSourceOrdersSystemPropertiesEnvironmentAndDiscoveredSourcesByOrdinal() {
    assertThat(ConfigSource.standard().parts()).extracting(ConfigSource::name)
        .containsExactly("system properties", "discovered test source", "environment variables");
  }

  @Test
  void systemPropertiesBeatDiscoveredSourcesAndAreReadWhenTheRuntimeIsBuilt() {
    String key = "gogoscope.tasks.\"orders.fetch\".retry.max-attempts";
    DiscoveredTestSource.properties = Map.of(key, "2");
    try {
      assertThat(attemptsOfFailingCall(fetch(ScopeRuntime.builder().build()))).isEqualTo(2);
      System.setProperty(key, "4");
      ScopeRuntime runtime = ScopeRuntime.builder().build();
      Guard guard = fetch(runtime);
      assertThat(attemptsOfFailingCall(guard)).isEqualTo(4);
      // A runtime reads its configuration once: later changes reach runtimes built after them.
      System.setProperty(key, "1");
      assertThat(attemptsOfFailingCall(fetch(runtime))).isEqualTo(4);
      assertThat(attemptsOfFailingCall(guard)).isEqualTo(4);
      assertThat(attemptsOfFailingCall(fetch(ScopeRuntime.builder().build()))).isEqualTo(1);
    } finally {
      System.clearProperty(key);
      DiscoveredTestSource.properties = Map.of();
    }
  }

  @Test
  void aBadStandardOverrideFailsBuildsWithItsMessageEveryTime() {
    String key = "gogoscope.tasks.\"orders.fetch\".retry.max-attempts";
    System.setProperty(key, "many");
    try {
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> ScopeRuntime.builder().build())
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining(key + " (from system properties): \"many\" is not accepted");
      }
    } finally {
      System.clearProperty(key);
    }
  }

  @Test
  void noneIgnoresSystemProperties() {
    String key = "gogoscope.tasks.\"orders.fetch\".retry.max-attempts";
    System.setProperty(key, "7");
    try {
      assertThat(attemptsOfFailingCall(fetch(ScopeRuntime.builder().config(ConfigSource.none()).build()))).isEqualTo(3);
    } finally {
      System.clearProperty(key);
    }
  }
}
