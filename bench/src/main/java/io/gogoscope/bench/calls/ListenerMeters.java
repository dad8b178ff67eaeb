package io.gogoscope.bench.calls;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters gogoscope's {@code MicrometerObserver} records for one task, made by hand for a peer
 * (Failsafe) whose listeners then record them: spawned, completed and failed counters, the active
 * gauge, the duration timer with its percentile histogram (by outcome) and the retries counter,
 * under the same names and tags.
 */
final class ListenerMeters {
  final AtomicInteger active = new AtomicInteger();
  final Counter spawned;
  final Counter completed;
  final Counter failed;
  final Counter retries;
  final Timer succeeded;
  final Timer failedTimer;

  ListenerMeters(MeterRegistry registry, String prefix, String task) {
    Gauge.builder(prefix + ".tasks.active", active, AtomicInteger::get).register(registry);
    spawned = Counter.builder(prefix + ".tasks.spawned").tags("task", task).register(registry);
    completed = Counter.builder(prefix + ".tasks.completed").tags("task", task).register(registry);
    failed =
        Counter.builder(prefix + ".tasks.failed")
            .tags("task", task, "reason", "exception")
            .register(registry);
    retries =
        Counter.builder(prefix + ".task.retries")
            .tags("task", task, "reason", "exception")
            .register(registry);
    succeeded = timer(registry, prefix, task, "success");
    failedTimer = timer(registry, prefix, task, "failure");
  }

  private static Timer timer(MeterRegistry registry, String prefix, String task, String outcome) {
    return Timer.builder(prefix + ".task.duration")
        .tags("task", task, "outcome", outcome)
        .publishPercentileHistogram()
        .register(registry);
  }

  void started() {
    spawned.increment();
    active.incrementAndGet();
  }

  void succeeded(Duration elapsed) {
    active.decrementAndGet();
    completed.increment();
    succeeded.record(elapsed);
  }

  void failed(Duration elapsed) {
    active.decrementAndGet();
    failed.increment();
    failedTimer.record(elapsed);
  }
}
