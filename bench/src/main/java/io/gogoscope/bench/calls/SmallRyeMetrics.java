package io.gogoscope.bench.calls;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.faulttolerance.standalone.Configuration;
import io.smallrye.faulttolerance.standalone.MicrometerAdapter;
import io.smallrye.faulttolerance.standalone.StandaloneFaultTolerance;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * SmallRye Fault Tolerance's standalone metrics go to one registry per JVM, fixed by
 * {@link StandaloneFaultTolerance#configure} before the library's first use; this holder does that
 * once. {@link #REGISTRY} is {@code null} when something in this JVM used SmallRye first (the
 * benchmark then fails its check rather than measure a guard without metrics).
 */
final class SmallRyeMetrics {
  static final SimpleMeterRegistry REGISTRY = configure();

  private SmallRyeMetrics() {}

  private static SimpleMeterRegistry configure() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ExecutorService executor = Executors.newCachedThreadPool();
    try {
      StandaloneFaultTolerance.configure(
          new Configuration() {
            @Override
            public ExecutorService executor() {
              return executor;
            }

            @Override
            public io.smallrye.faulttolerance.standalone.MetricsAdapter metricsAdapter() {
              return new MicrometerAdapter(registry);
            }

            @Override
            public void onShutdown() {
              executor.shutdownNow();
            }
          });
      return registry;
    } catch (IllegalStateException alreadyConfigured) {
      executor.shutdownNow();
      return null;
    }
  }
}
