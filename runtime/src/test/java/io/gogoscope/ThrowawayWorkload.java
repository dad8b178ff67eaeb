package io.gogoscope;

import io.gogoscope.generated.ErrorMapper;
import io.gogoscope.policy.Retry;
import io.gogoscope.store.InMemoryLockProvider;
import io.gogoscope.store.Lease;
import io.gogoscope.store.WatchdogLockProvider;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * What {@link ThrowawayLoaderTest} runs inside a class loader of its own: guarded calls with
 * timeouts (the watchdog thread), scopes with timeouts (the timer thread), forks, a lock and
 * retries, a lease renewed by a {@link WatchdogLockProvider} (the renewal timer); then
 * {@link ScopeRuntime#shutdown}. Public with a public constructor so the test can
 * make it through reflection.
 */
public final class ThrowawayWorkload implements Callable<String> {

  @Override
  public String call() throws Exception {
    ScopeRuntime runtime = ScopeRuntime.builder().build();
    Guard timed = runtime.guard("timed").timeout(Duration.ofMillis(50))
        .retry(Retry.builder().maxAttempts(2).build())
        .lock(Duration.ofSeconds(5), Duration.ofSeconds(1)).build();
    StringBuilder outcomes = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      outcomes.append(timed.call(() -> "ok").isOk() ? 'o' : 'x');
    }
    Result<Failure, Object> late = timed.call(() -> {
      Thread.sleep(5_000);
      return "late";
    });
    outcomes.append(late instanceof Result.Err<Failure, Object> err ? err.error().kind() : "no timeout");
    try (Scope scope = runtime.scope("work").timeout(Duration.ofMillis(500)).open()) {
      Task<Failure, String> quick = scope.fork(() -> "quick");
      Task<Failure, String> slow = scope.fork(() -> {
        Thread.sleep(5_000);
        return "slow";
      });
      Task<Failure, Object> failing = timed.fork(scope, () -> {
        throw new IOException("down");
      }, ErrorMapper.failure());
      outcomes.append(' ').append(quick.join().isOk()).append(' ').append(slow.join().isOk())
          .append(' ').append(failing.join().isOk());
    }
    WatchdogLockProvider watched = new WatchdogLockProvider(new InMemoryLockProvider());
    try (Lease lease = watched.tryAcquire("renewed", Duration.ofMillis(90)).orElseThrow()) {
      Thread.sleep(200); // a few renewals: the lease outlives its TTL
      outcomes.append(' ').append(lease.isValid());
    }
    boolean stopped = ScopeRuntime.shutdown(Duration.ofSeconds(10));
    return outcomes + " stopped=" + stopped + " watchdog=" + Watchdog.isRunning() + " timer=" + ScopeTimer.isRunning()
        + " gogoscope threads=" + gogoscopeThreads();
  }

  /** The live threads, by name, that gogoscope started and that hold this class loader. */
  private static java.util.List<String> gogoscopeThreads() {
    ClassLoader mine = ThrowawayWorkload.class.getClassLoader();
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("gogoscope-") && t.getContextClassLoader() == mine)
        .map(Thread::getName).sorted().toList();
  }
}
