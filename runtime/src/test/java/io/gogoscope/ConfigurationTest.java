package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gogoscope.config.ConfigSource;
import io.gogoscope.config.ConfigurationException;
import io.gogoscope.config.DiscoveredTestSource;
import io.gogoscope.policy.Bulkhead;
import io.gogoscope.policy.CircuitBreaker;
import io.gogoscope.policy.Retry;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
    CircuitBreaker breaker = runtime.circuitBreaker("payments", CircuitBreaker.Config.consecutiveFailures(1, Duration.ofMinutes(1)));
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
  // Issue 11's policies: bulkhead, waits, minimum holds, failure classification.

  /** reports.render as generated from {@code @Bulkhead(maxConcurrent = 1)}. */
  private static Guard render(ScopeRuntime runtime) {
    return runtime.guard("reports.render").bulkhead(Bulkhead.of(1, Duration.ZERO)).build();
  }

  /** Calls {@code guard} while another call holds one of its bulkhead's slots. */
  private static Result<Failure, Object> callWhileASlotIsTaken(Guard guard) throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder = Thread.ofVirtual().start(() -> guard.call(() -> {
      inside.countDown();
      release.await();
      return "first";
    }));
    try {
      assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
      return guard.call(() -> "second");
    } finally {
      release.countDown();
      holder.join();
    }
  }

  @Test
  void bulkheadOverridesReplaceTheAnnotationValues() throws Exception {
    assertThat(callWhileASlotIsTaken(render(runtime(Map.of())))).isEqualTo(Result.err(new Failure.BulkheadFull(1)));
    ScopeRuntime wider = runtime(Map.of("gogoscope.tasks.\"reports.render\".bulkhead.max-concurrent", "2"));
    assertThat(callWhileASlotIsTaken(render(wider))).isEqualTo(Result.ok("second"));
    ScopeRuntime off = runtime(Map.of("gogoscope.tasks.\"reports.render\".bulkhead.enabled", "false"));
    assertThat(callWhileASlotIsTaken(render(off))).isEqualTo(Result.ok("second"));
    ScopeRuntime offEverywhere = runtime(Map.of("gogoscope.bulkhead.enabled", "false"));
    assertThat(callWhileASlotIsTaken(render(offEverywhere))).isEqualTo(Result.ok("second"));
  }

  @Test
  void aBulkheadWaitOverrideKeepsTheAnnotationsLimit() {
    ScopeRuntime runtime = runtime(Map.of("gogoscope.tasks.\"reports.render\".bulkhead.max-wait", "250ms"));
    Guard.Builder builder = runtime.guard("reports.render").bulkhead(Bulkhead.of(3, Duration.ZERO));
    runtime.overrides().apply(builder);
    assertThat(builder.bulkhead.limit()).isEqualTo(3);
    assertThat(builder.bulkhead.maxWait()).isEqualTo(Duration.ofMillis(250));
  }

  /** orders.place's rate limit and lock as generated: 1 call a window, the lock skipped when held. */
  private static Guard place(ScopeRuntime runtime, Duration window) {
    return runtime.guard("orders.place").rateLimit(1, window).lock(Duration.ofSeconds(30), Duration.ZERO).build();
  }

  @Test
  void aRateLimitWaitOverrideWaitsForThePermit() {
    Guard refusing = place(runtime(Map.of()), Duration.ofMillis(200));
    assertThat(refusing.call(() -> "first")).isEqualTo(Result.ok("first"));
    assertThat(refusing.call(() -> "second")).isInstanceOfSatisfying(Result.Err.class, err ->
        assertThat(err.error()).isInstanceOf(Failure.RateLimited.class));
    Guard waiting = place(runtime(Map.of("gogoscope.tasks.\"orders.place\".rate-limit.max-wait", "5s")),
        Duration.ofMillis(200));
    assertThat(waiting.call(() -> "first")).isEqualTo(Result.ok("first"));
    assertThat(waiting.call(() -> "second")).isEqualTo(Result.ok("second"));
  }

  /** orders.place's lock alone (a hand-built guard may leave out a policy its task has). */
  private static Guard lock(ScopeRuntime runtime) {
    return runtime.guard("orders.place").lock(Duration.ofSeconds(30), Duration.ZERO).build();
  }

  @Test
  void aMinimumHoldOverrideKeepsTheLockAfterTheCall() {
    Guard released = lock(runtime(Map.of()));
    assertThat(released.call(() -> "first")).isEqualTo(Result.ok("first"));
    assertThat(released.call(() -> "again")).isEqualTo(Result.ok("again"));
    Guard held = lock(runtime(Map.of("gogoscope.tasks.\"orders.place\".distributed-lock.min-hold", "20s")));
    assertThat(held.call(() -> "first")).isEqualTo(Result.ok("first"));
    assertThat(held.call(() -> "again")).isEqualTo(Result.err(new Failure.LockUnavailable("orders.place")));
  }

  @Test
  void aMinimumHoldAboveTheTtlNamesTheProperty() {
    ScopeRuntime runtime = runtime(Map.of("gogoscope.tasks.\"orders.place\".distributed-lock.min-hold", "1m"));
    assertThatThrownBy(() -> lock(runtime))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("gogoscope.tasks.\"orders.place\".distributed-lock.min-hold of task \"orders.place\"")
        .hasMessageContaining("is longer than the TTL PT30S");
  }

  /** A declined card: the customer's answer, not an outage. */
  static final class DeclinedException extends Exception {
    private static final long serialVersionUID = 1L;
  }

  /** The state of orders.refund's breaker (open after 2 failures in a row) after 2 calls throw {@code thrown}. */
  private static CircuitState afterTwo(ScopeRuntime runtime, Exception thrown) {
    CircuitBreaker breaker = runtime.circuitBreaker("payments", CircuitBreaker.Config.consecutiveFailures(2, Duration.ofMinutes(1)));
    Guard guard = runtime.guard("orders.refund").circuitBreaker(breaker).build();
    for (int i = 0; i < 2; i++) {
      guard.call(() -> {
        throw thrown;
      });
    }
    return breaker.state();
  }

  @Test
  void failOnAndSkipOnOverridesClassifyTheTasksExceptions() {
    assertThat(afterTwo(runtime(Map.of()), new IOException("down"))).isEqualTo(CircuitState.OPEN);
    ScopeRuntime skipping = runtime(Map.of(
        "gogoscope.tasks.\"orders.refund\".circuit-breaker.skip-on", "io.gogoscope.ConfigurationTest$DeclinedException"));
    assertThat(afterTwo(skipping, new DeclinedException())).isEqualTo(CircuitState.CLOSED);
    ScopeRuntime nestedWithDots = runtime(Map.of(
        "gogoscope.tasks.\"orders.refund\".circuit-breaker.skip-on", " java.io.IOException, io.gogoscope.ConfigurationTest.DeclinedException"));
    assertThat(afterTwo(nestedWithDots, new DeclinedException())).isEqualTo(CircuitState.CLOSED);
    ScopeRuntime onlyIllegalState = runtime(Map.of(
        "gogoscope.tasks.\"orders.refund\".circuit-breaker.fail-on", "java.lang.IllegalStateException"));
    assertThat(afterTwo(onlyIllegalState, new IOException("down"))).isEqualTo(CircuitState.CLOSED);
    assertThat(afterTwo(runtime(Map.of(
        "gogoscope.tasks.\"orders.refund\".circuit-breaker.fail-on", "java.lang.IllegalStateException")),
        new IllegalStateException("bug"))).isEqualTo(CircuitState.OPEN);
  }

  @Test
  void anUnknownClassOrANonExceptionNamesTheProperty() {
    assertThatThrownBy(() -> runtime(Map.of(
        "gogoscope.tasks.\"orders.refund\".circuit-breaker.fail-on", "java.io.IOException,com.acme.NoSuchException")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("gogoscope.tasks.\"orders.refund\".circuit-breaker.fail-on (from map): "
            + "\"java.io.IOException,com.acme.NoSuchException\" is not accepted: no class com.acme.NoSuchException is found;"
            + " give exception class names, comma-separated, such as java.io.IOException")
        .satisfies(e -> assertThat(((ConfigurationException) e).property())
            .isEqualTo("gogoscope.tasks.\"orders.refund\".circuit-breaker.fail-on"));
    assertThatThrownBy(() -> runtime(Map.of(
        "gogoscope.tasks.\"orders.refund\".circuit-breaker.skip-on", "java.lang.String")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("java.lang.String is not an Exception");
    assertThatThrownBy(() -> runtime(Map.of(
        "gogoscope.tasks.\"orders.refund\".circuit-breaker.fail-on", "java.lang.OutOfMemoryError")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("java.lang.OutOfMemoryError is not an Exception (errors are never caught");
  }

  @Test
  void typosInTheNewSettingsAreRejectedWithASuggestion() {
    assertThatThrownBy(() -> runtime(Map.of("gogoscope.tasks.\"reports.render\".bulkhead.max-concurent", "5")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("@Bulkhead has no setting \"max-concurent\"; did you mean max-concurrent?")
        .hasMessageContaining("it accepts: enabled, max-concurrent, max-wait");
    assertThatThrownBy(() -> runtime(Map.of("gogoscope.tasks.\"orders.place\".distributed-lock.min-hodl", "5s")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("did you mean min-hold?")
        .hasMessageContaining("it accepts: enabled, ttl, max-wait, min-hold");
    assertThatThrownBy(() -> runtime(Map.of("gogoscope.tasks.\"orders.refund\".circuit-breaker.skipon", "java.io.IOException")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("did you mean skip-on?");
    assertThatThrownBy(() -> runtime(Map.of("gogoscope.tasks.\"orders.place\".rate-limit.max-wait", "-1s")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("give a duration of zero or more");
    assertThatThrownBy(() -> runtime(Map.of("gogoscope.tasks.\"orders.fetch\".bulkhead.max-concurrent", "5")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("task \"orders.fetch\" has no @Bulkhead");
    assertThatThrownBy(() -> runtime(Map.of("gogoscope.bulkhed.enabled", "false")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("did you mean bulkhead?");
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
