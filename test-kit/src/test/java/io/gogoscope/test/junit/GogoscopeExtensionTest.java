package io.gogoscope.test.junit;

import static io.gogoscope.test.GogoscopeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.gogoscope.Guard;
import io.gogoscope.Scope;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.observe.micrometer.MetricsReporter;
import io.gogoscope.test.VirtualClock;
import io.gogoscope.test.store.FaultyStores;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs small test classes through JUnit and checks which the extension fails, and why. */
class GogoscopeExtensionTest {
  /** What the leaked task waits for; let go once the leak has been seen. */
  private static final CountDownLatch LEAKED_TASK_MAY_END = new CountDownLatch(1);
  /** The metrics reporters a sample leaves running; closed once the leak has been seen. */
  private static final Queue<MetricsReporter> LEAKED_REPORTERS = new ConcurrentLinkedQueue<>();

  @Test
  void passesATestThatCleansUp() {
    run("cleansUp").assertThatEvents().haveExactly(1, event(test("cleansUp"), finishedSuccessfully()));
  }

  @Test
  void failsATestThatLeavesAScopeOpenAndATaskRunning() {
    org.junit.platform.testkit.engine.Events events = run("leavesAScopeOpen");
    LEAKED_TASK_MAY_END.countDown();
    events.assertThatEvents().haveExactly(1, event(test("leavesAScopeOpen"),
        finishedWithFailure(instanceOf(AssertionError.class),
            message(m -> m.contains("scope 'forgotten' is still open")
                && m.contains("task scope.task (on virtual thread")
                && m.contains("is still running")
                && m.contains("is still alive")))));
  }

  @Test
  void failsATestThatLeavesALockHeld() {
    run("leavesALockHeld").assertThatEvents().haveExactly(1, event(test("leavesALockHeld"),
        finishedWithFailure(message(m -> m.contains("lock nightly (fencing token 1) is still held")))));
  }

  @Test
  void failsATestThatLeavesARuntimeThreadRunning() {
    run("leavesAMetricsReporterRunning").assertThatEvents().haveExactly(1, event(test("leavesAMetricsReporterRunning"),
        finishedWithFailure(message(m -> m.contains("runtime thread 'gogoscope-metrics-reporter' is still alive")))));
  }

  @Test
  void passesATestWhoseLockKeepsItsMinimumHoldAfterTheCall() {
    run("holdsALockItsMinimumTime").assertThatEvents()
        .haveExactly(1, event(test("holdsALockItsMinimumTime"), finishedSuccessfully()));
  }

  @Test
  void givesTheVirtualClockToTheRuntimeWhenAsked() {
    samples(OnVirtualTime.class)
        .testEvents().assertThatEvents().haveExactly(1, event(test("advances"), finishedSuccessfully()));
  }

  private static org.junit.platform.testkit.engine.Events run(String method) {
    // The whole class, its tests in any order: each test's own events are picked by name.
    try {
      return samples(Samples.class).testEvents();
    } finally {
      // the reporter leavesAMetricsReporterRunning leaves behind on purpose
      MetricsReporter leaked;
      while ((leaked = LEAKED_REPORTERS.poll()) != null) {
        leaked.close();
      }
    }
  }

  /** Runs a sample class through {@link EngineTestKit}, the only way its tests run. */
  private static org.junit.platform.testkit.engine.EngineExecutionResults samples(Class<?> samples) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter(SampleRun.PARAMETER, "true")
        .selectors(selectClass(samples))
        .execute();
  }

  /**
   * Skips a sample class unless {@link #samples} runs it. Some samples fail on purpose; Surefire
   * leaves nested classes out by default, but {@code -Dtest=GogoscopeExtensionTest} selects them
   * too (it replaces the default excludes), and they failed the build then.
   */
  static final class SampleRun implements ExecutionCondition {
    static final String PARAMETER = "gogoscope.test.samples";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(PARAMETER).isPresent()
          ? ConditionEvaluationResult.enabled("run by GogoscopeExtensionTest")
          : ConditionEvaluationResult.disabled("a sample: GogoscopeExtensionTest runs it");
    }
  }

  /** The sample tests; run only through {@link #samples} ({@link SampleRun}). */
  @ExtendWith({SampleRun.class, GogoscopeExtension.class})
  static class Samples {
    @Test
    void cleansUp(ScopeRuntime runtime, FaultyStores stores) {
      try (Scope scope = runtime.scope("tidy").open()) {
        assertThat(scope.fork(() -> 42).join()).hasValue(42);
      }
      runtime.lockProvider().tryAcquire("k", Duration.ofMinutes(1)).orElseThrow().release();
      assertThat(stores.lockProvider()).isSameAs(runtime.lockProvider());
    }

    @Test
    @SuppressWarnings("resource")
    void leavesAScopeOpen(ScopeRuntime runtime) {
      Scope scope = runtime.scope("forgotten").open();
      scope.fork(() -> {
        LEAKED_TASK_MAY_END.await();
        return null;
      });
    }

    /** A lock with a minimum hold outlives the call on purpose: it expires by itself, no leak. */
    @Test
    void holdsALockItsMinimumTime(ScopeRuntime runtime) {
      Guard nightly = runtime.guard("nightly-min-hold")
          .lock(Duration.ofMinutes(10), Duration.ZERO, Duration.ofMinutes(5)).build();
      assertThat(nightly.call(() -> "ran")).hasValue("ran");
      assertThat(runtime.lockProvider().tryAcquire("nightly-min-hold", Duration.ofMinutes(1))).isEmpty();
    }

    /** A metrics reporter started and never closed: its platform thread outlives the test. */
    @Test
    void leavesAMetricsReporterRunning() {
      LEAKED_REPORTERS.add(MetricsReporter.start(() -> "", Duration.ofHours(1), text -> {}));
    }

    @Test
    void leavesALockHeld(ScopeRuntime runtime) {
      runtime.lockProvider().tryAcquire("nightly", Duration.ofMinutes(1)).orElseThrow();
    }
  }

  @ExtendWith(SampleRun.class)
  static class OnVirtualTime {
    @RegisterExtension
    final GogoscopeExtension kit = new GogoscopeExtension().withVirtualClock().withGrace(Duration.ofMillis(100));

    @Test
    void advances(ScopeRuntime runtime, VirtualClock clock) {
      assertThat(runtime.timeSource()).isSameAs(clock);
      runtime.lockProvider().tryAcquire("k", Duration.ofMinutes(1)).orElseThrow();
      clock.advance(Duration.ofMinutes(1)); // the lease expires: nothing is left held
    }
  }
}
