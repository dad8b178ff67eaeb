package io.gogoscope.examples.plain;

import io.gogoscope.Failure;
import io.gogoscope.Result;
import io.gogoscope.Scope;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.Task;
import java.util.List;

/**
 * An application with neither OpenTelemetry nor Micrometer on its class path. Run by
 * NoObservabilityLibrariesTest in a JVM of its own; prints "OK ..." and exits 0 when everything
 * ran, exits 2 when the class path is not what the test means to prove.
 */
public final class PlainApplication {
  private PlainApplication() {}

  /** Runs generated and hand-written tasks on a runtime with nothing observed. */
  public static void main(String[] args) throws Exception {
    for (String absent :
        List.of("io.opentelemetry.api.OpenTelemetry", "io.micrometer.core.instrument.MeterRegistry")) {
      try {
        Class.forName(absent);
        System.out.println(absent + " is on the class path: this run proves nothing");
        System.exit(2);
      } catch (ClassNotFoundException expected) {
        // what this application is about: it has no observability libraries
      }
    }
    ScopeRuntime runtime = ScopeRuntime.builder().build();
    ScopedGreeter greeter = ScopedGreeter.of(who -> "hello " + who, runtime);
    Result<ScopedGreeter.GreetError, String> direct = greeter.greet("direct");
    String forked;
    String handWritten;
    try (Scope scope = runtime.scope("plain-scope").open()) {
      Task<ScopedGreeter.GreetError, String> generated = greeter.greet(scope, "forked");
      Task<Failure, String> task = scope.fork("plain-task", () -> "by hand");
      forked = generated.join().orElseThrow();
      handWritten = task.join().orElseThrow();
    }
    System.out.println("OK " + direct.orElseThrow() + ", " + forked + ", " + handWritten);
  }
}
