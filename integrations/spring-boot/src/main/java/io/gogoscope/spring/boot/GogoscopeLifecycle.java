package io.gogoscope.spring.boot;

import io.gogoscope.ScopeRuntime;
import java.time.Duration;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Shuts gogoscope down with the application context: waits up to the runtime's close grace for
 * the scopes and guarded calls still running, then stops the runtime's watchdog and timer threads
 * ({@link ScopeRuntime#shutdown(Duration)}). The stores' own threads and connections stop when their
 * beans are destroyed, after this.
 *
 * <p>Its phase is below the web server's graceful shutdown and stop, so requests in flight finish
 * (within {@code spring.lifecycle.timeout-per-shutdown-phase}) before it waits for what remains:
 * scheduled jobs, background scopes. It sees the work of the starter's runtime only: a runtime the
 * application builds itself is not waited for, though its threads are stopped.
 */
final class GogoscopeLifecycle implements SmartLifecycle {
  /** After {@code WebServerGracefulShutdownLifecycle} (DEFAULT_PHASE - 1024) and the web server's stop (- 2048). */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  private static final Log log = LogFactory.getLog(GogoscopeLifecycle.class);

  private final ScopeRuntime runtime;
  private final RunningWork work;
  private volatile boolean running;

  GogoscopeLifecycle(ScopeRuntime runtime, RunningWork work) {
    this.runtime = runtime;
    this.work = work;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    Duration grace = runtime.closeGrace();
    try {
      List<String> left = work.awaitIdle(grace);
      if (!left.isEmpty()) {
        log.warn("gogoscope: still running after the close grace (" + grace + "), left to the JVM's exit: " + left);
      }
      if (!ScopeRuntime.shutdown(Duration.ofSeconds(1))) {
        log.warn("gogoscope: the watchdog or timer thread did not end within 1s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
