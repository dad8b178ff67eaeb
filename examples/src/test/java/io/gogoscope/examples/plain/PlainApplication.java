package io.gogoscope.examples.plain;

import io.gogoscope.ErrorMapper;
import io.gogoscope.Failure;
import io.gogoscope.Guard;
import io.gogoscope.Result;
import io.gogoscope.Scope;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.Task;
import io.gogoscope.policy.Retry;
import java.time.Duration;
import java.util.List;

/**
 * An application with neither OpenTelemetry nor Micrometer on its class path. Run by
 * NoObservabilityLibrariesTest in a JVM of its own; prints "OK ..." and exits 0 when everything
 * ran, exits 2 when the class path is not what the test means to prove.
 */
public final class PlainApplication {
  private PlainApplication() {}

  public static void main(String[] args) throws Exception {
    for (String absent : List.of("io.opentelemetry.api.OpenTelemetry", "io.micrometer.core.instrument.MeterRegistry")) {
      try {
        Class.forName(absent);
        System.out.println(absent + " is on the class path: this run proves nothing");
        System.exit(2);
      } catch (ClassNotFoundException expected) {
        // what this application is about: it has no observability libraries
      }
    }
    ScopeRuntime runtime = ScopeRuntime.builder().closeGrace(Duration.ofSeconds(5)).build();
    int[] attempts = {0};
    Guard guard =
        runtime
            .guard("plain-call")
            .retry(Retry.builder().maxAttempts(3).build())
            .timeout(Duration.ofSeconds(5))
            .build();
    Result<Failure, String> guarded =
        guard.call(
            () -> {
              if (++attempts[0] == 1) {
                throw new IllegalStateException("first attempt fails");
              }
              return "guarded";
            },
            ErrorMapper.failure());
    String forked;
    try (Scope scope = runtime.scope("plain-scope").open()) {
      Task<Failure, String> task = scope.fork("plain-task", () -> "forked");
      forked = task.join().orElseThrow();
    }
    System.out.println("OK " + guarded.orElseThrow() + " after " + attempts[0] + " attempts, " + forked);
  }
}
