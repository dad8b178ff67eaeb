package io.gogoscope.examples;

import io.gogoscope.examples.monitoring.MonitoringExample;
import io.gogoscope.examples.tracing.TraceTreeExample;

/** Runs every example in turn ({@code mvn -Pexamples verify} runs this). */
public final class RunAllExamples {
  private RunAllExamples() {}

  /** Runs the examples; any failure ends the run with its exception. */
  public static void main(String[] args) throws Exception {
    section("Trace tree of one order (OpenTelemetry SDK, spans from gogoscope's observer)");
    TraceTreeExample.main(new String[0]);
    section("Prometheus metrics of 40 orders (served at /metrics on a free port)");
    MonitoringExample.main(new String[] {"0", "40"});
  }

  private static void section(String title) {
    System.out.println();
    System.out.println("== " + title);
  }
}
