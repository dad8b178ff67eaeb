package io.gogoscope.observe.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gogoscope.CircuitState;
import io.gogoscope.observe.ScopeInfo;
import io.gogoscope.observe.ScopeObservation;
import io.gogoscope.observe.ScopeObserver;
import io.gogoscope.observe.ScopeObserver.LockOutcome;
import io.gogoscope.observe.ScopeObserver.Outcome;
import io.gogoscope.observe.TaskInfo;
import io.gogoscope.observe.TaskInfo.TaskAttributes;
import io.gogoscope.observe.TaskObservation;
import io.gogoscope.observe.TestErrors;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MicrometerObserverTest {
  private static final Outcome OK = new Outcome(null, 1);

  private static TaskInfo task(String name) {
    return new TaskInfo(name, 0, true, false, false, TaskAttributes.NONE);
  }

  /** Runs one task of {@code name} that ends with {@code outcome} after {@code millis}. */
  private static void run(ScopeObserver observer, String name, long millis, Outcome outcome) {
    observer
        .taskStarted(task(name), ScopeObservation.NONE)
        .finished(Duration.ofMillis(millis), outcome);
  }

  @Test
  void countsTasksByNameAndOutcome() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ScopeObserver observer = MicrometerObserver.create(registry);

    run(observer, "fetch-user", 10, OK);
    run(observer, "fetch-user", 20, OK);
    run(observer, "fetch-user", 30, new Outcome(new TestErrors.TimedOut(Duration.ofMillis(30)), 1));

    assertThat(registry.get("goscope.tasks.spawned").tag("task", "fetch-user").counter().count())
        .isEqualTo(3);
    assertThat(registry.get("goscope.tasks.completed").tag("task", "fetch-user").counter().count())
        .isEqualTo(2);
    assertThat(
            registry.get("goscope.tasks.failed").tags("task", "fetch-user", "reason", "timeout")
                .counter().count())
        .isEqualTo(1);
    var succeeded = registry.get("goscope.task.duration").tags("task", "fetch-user", "outcome", "success").timer();
    assertThat(succeeded.count()).isEqualTo(2);
    assertThat(succeeded.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(30);
    assertThat(registry.get("goscope.task.duration").tag("outcome", "failure").timer().count())
        .isEqualTo(1);
  }

  @Test
  void tracksRunningTasksAndOpenScopes() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ScopeObserver observer = MicrometerObserver.create(registry);

    ScopeObservation scope = observer.scopeOpened(new ScopeInfo("batch", false, null, 0));
    TaskObservation first = observer.taskStarted(task("a"), scope);
    TaskObservation second = observer.taskStarted(task("b"), scope);
    assertThat(registry.get("goscope.tasks.active").gauge().value()).isEqualTo(2);
    assertThat(registry.get("goscope.scopes.active").gauge().value()).isEqualTo(1);

    first.finished(Duration.ZERO, OK);
    second.finished(Duration.ZERO, OK);
    scope.closed(Duration.ofMillis(250), null);

    assertThat(registry.get("goscope.tasks.active").gauge().value()).isZero();
    assertThat(registry.get("goscope.scopes.active").gauge().value()).isZero();
    assertThat(registry.get("goscope.scope.duration").tag("scope", "batch").timer().totalTime(
            java.util.concurrent.TimeUnit.MILLISECONDS))
        .isEqualTo(250);
  }

  @Test
  void countsRetriesResourcesCircuitsLocksAndRateLimits() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ScopeObserver observer = MicrometerObserver.create(registry);
    ScopeInfo scope = new ScopeInfo("s", false, null, 0);

    TaskObservation task = observer.taskStarted(task("pay"), ScopeObservation.NONE);
    task.retrying(1, Duration.ofMillis(5), new TestErrors.Failed(new IOException()));
    task.retrying(2, Duration.ofMillis(10), new TestErrors.Failed(new IOException()));
    task.finished(Duration.ZERO, new Outcome(null, 3));
    observer.resourceRegistered(scope);
    observer.resourceRegistered(scope);
    observer.resourceDisposed(scope, null);
    observer.resourceDisposed(scope, new IOException("close failed"));
    observer.closeTimedOut(scope, java.util.List.of("stuck"));
    observer.circuitStateChanged("payments", CircuitState.CLOSED, CircuitState.OPEN);
    observer.lockOutcome("orders", LockOutcome.ACQUIRED);
    observer.lockOutcome("orders", LockOutcome.UNAVAILABLE);
    observer.rateLimitOutcome("api", true);
    observer.rateLimitOutcome("api", false);
    observer.rateLimitOutcome("api", false);

    assertThat(registry.get("goscope.task.retries").tags("task", "pay", "reason", "exception").counter().count())
        .isEqualTo(2);
    assertThat(registry.get("goscope.resources.registered").counter().count()).isEqualTo(2);
    assertThat(registry.get("goscope.resources.disposed").counter().count()).isEqualTo(2);
    assertThat(registry.get("goscope.resources.disposal.failures").counter().count()).isEqualTo(1);
    assertThat(registry.get("goscope.scope.close.timeouts").tag("scope", "s").counter().count()).isEqualTo(1);
    assertThat(registry.get("goscope.circuit.state").tag("name", "payments").gauge().value()).isEqualTo(2);
    assertThat(registry.get("goscope.circuit.transitions").tags("name", "payments", "to", "open").counter().count())
        .isEqualTo(1);
    observer.circuitStateChanged("payments", CircuitState.OPEN, CircuitState.HALF_OPEN);
    assertThat(registry.get("goscope.circuit.state").tag("name", "payments").gauge().value()).isEqualTo(1);
    observer.circuitStateChanged("payments", CircuitState.HALF_OPEN, CircuitState.CLOSED);
    assertThat(registry.get("goscope.circuit.state").tag("name", "payments").gauge().value()).isZero();
    assertThat(registry.get("goscope.lock.outcomes").tags("name", "orders", "outcome", "acquired").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("goscope.lock.outcomes").tags("name", "orders", "outcome", "unavailable").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("goscope.ratelimit.checks").tags("name", "api", "outcome", "allowed").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("goscope.ratelimit.checks").tags("name", "api", "outcome", "rejected").counter().count())
        .isEqualTo(2);
  }

  @Test
  void distinctNamesBeyondTheBoundFoldIntoOther() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ScopeObserver observer = MicrometerObserver.builder(registry).maxNames(3).build();

    for (int i = 0; i < 50; i++) {
      run(observer, "user-" + i, 1, OK);
      observer.lockOutcome("order:" + i, LockOutcome.ACQUIRED);
    }

    assertThat(registry.find("goscope.tasks.spawned").counters())
        .extracting(counter -> counter.getId().getTag("task"))
        .containsExactlyInAnyOrder("user-0", "user-1", "user-2", "other");
    assertThat(registry.get("goscope.tasks.spawned").tag("task", "other").counter().count())
        .isEqualTo(47);
    assertThat(registry.find("goscope.lock.outcomes").tag("outcome", "acquired").counters())
        .hasSize(4);
  }

  @Test
  void prometheusRendersGoGoScopeNamesUnderTheConfiguredPrefix() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ScopeObserver goscope = MicrometerObserver.create(registry);
    ScopeObserver mine = MicrometerObserver.builder(registry).prefix("myapp").build();
    for (ScopeObserver observer : new ScopeObserver[] {goscope, mine}) {
      ScopeObservation scope = observer.scopeOpened(new ScopeInfo("batch", false, null, 0));
      run(observer, "fetch-user", 12, OK);
      run(observer, "fetch-user", 40, new Outcome(new TestErrors.CircuitOpen("payments"), 1));
      observer.resourceRegistered(new ScopeInfo("batch", false, null, 0));
      observer.resourceDisposed(new ScopeInfo("batch", false, null, 0), null);
      scope.closed(Duration.ofMillis(80), null);
    }

    String text = registry.scrape();
    for (String prefix : new String[] {"goscope", "myapp"}) {
      assertThat(text)
          .contains(prefix + "_tasks_spawned_total{task=\"fetch-user\"} 2.0")
          .contains(prefix + "_tasks_completed_total{task=\"fetch-user\"} 1.0")
          .contains(prefix + "_tasks_failed_total{reason=\"circuit_breaker_open\",task=\"fetch-user\"} 1.0")
          .contains(prefix + "_task_duration_seconds_bucket{outcome=\"success\",task=\"fetch-user\",le=\"")
          .contains(prefix + "_task_duration_seconds_count{outcome=\"success\",task=\"fetch-user\"} 1")
          .contains(prefix + "_task_duration_seconds_sum{outcome=\"success\",task=\"fetch-user\"} 0.012")
          .contains(prefix + "_resources_registered_total 1.0")
          .contains(prefix + "_resources_disposed_total 1.0")
          .contains(prefix + "_scope_duration_seconds_sum{scope=\"batch\"} 0.08")
          .contains(prefix + "_tasks_active 0")
          .contains(prefix + "_scopes_active 0");
    }
  }

  @Test
  void rejectsUnusablePrefixesAndBounds() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    for (String prefix : new String[] {"", "9lives", "my app", "trailing.", null}) {
      assertThatThrownBy(() -> MicrometerObserver.builder(registry).prefix(prefix))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("metric prefix");
    }
    assertThatThrownBy(() -> MicrometerObserver.builder(registry).maxNames(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }

  @Test
  void observingATaskAllocatesNoMetersAfterTheFirst() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ScopeObserver observer = MicrometerObserver.create(registry);
    TaskObservation first = observer.taskStarted(task("t"), ScopeObservation.NONE);
    first.finished(Duration.ZERO, OK);
    int meters = registry.getMeters().size();

    TaskObservation second = observer.taskStarted(task("t"), ScopeObservation.NONE);
    second.finished(Duration.ZERO, OK);

    assertThat(second).isSameAs(first);
    assertThat(registry.getMeters()).hasSize(meters);
    assertThat(registry.getMeters()).extracting(Meter::getId).extracting(Meter.Id::getName)
        .allMatch(name -> name.startsWith("goscope."));
  }
}
