package io.gogoscope.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.Scope;
import io.gogoscope.ScopeRuntime;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Closing the context waits for the runtime's running scopes, up to the close grace. */
class ShutdownTest {

  @Test
  void closeWaitsForARunningScopeToFinish() throws Exception {
    AtomicBoolean finished = new AtomicBoolean();
    CountDownLatch started = new CountDownLatch(1);
    Contexts.runner().withPropertyValues("gogoscope.close-grace=10s").run(context -> {
      ScopeRuntime runtime = context.getBean(ScopeRuntime.class);
      Thread.ofVirtual().start(() -> runInScope(runtime, started, Duration.ofMillis(400), finished));
      assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
      long start = System.nanoTime();
      context.close();
      assertThat(finished).as("the scope finished before close returned").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    });
  }

  @Test
  void closeWaitsNoLongerThanTheCloseGrace() throws Exception {
    AtomicBoolean finished = new AtomicBoolean();
    CountDownLatch started = new CountDownLatch(1);
    Contexts.runner().withPropertyValues("gogoscope.close-grace=200ms").run(context -> {
      ScopeRuntime runtime = context.getBean(ScopeRuntime.class);
      Thread worker = Thread.ofVirtual().start(() -> runInScope(runtime, started, Duration.ofSeconds(20), finished));
      assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
      long start = System.nanoTime();
      context.close();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(finished).isFalse();
      assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(150)).isLessThan(Duration.ofSeconds(10));
      worker.interrupt();
    });
  }

  @Test
  void withShutdownOffCloseDoesNotWait() throws Exception {
    AtomicBoolean finished = new AtomicBoolean();
    CountDownLatch started = new CountDownLatch(1);
    Contexts.runner().withPropertyValues("gogoscope.shutdown.enabled=false").run(context -> {
      assertThat(context).doesNotHaveBean(GogoscopeLifecycle.class);
      ScopeRuntime runtime = context.getBean(ScopeRuntime.class);
      Thread worker = Thread.ofVirtual().start(() -> runInScope(runtime, started, Duration.ofSeconds(20), finished));
      assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
      context.close();
      assertThat(finished).isFalse();
      worker.interrupt();
    });
  }

  /** Opens a scope whose one task sleeps {@code work}, then marks {@code finished} once the scope closed. */
  private static void runInScope(ScopeRuntime runtime, CountDownLatch started, Duration work, AtomicBoolean finished) {
    try (Scope scope = runtime.scope("nightly-report").open()) {
      scope.fork("render", () -> {
        started.countDown();
        Thread.sleep(work);
        return "done";
      }).join();
    } catch (Exception e) {
      return;
    }
    finished.set(true);
  }
}
