package io.gogoscope.examples;

import io.gogoscope.examples.monitoring.MonitoringExample;
import io.gogoscope.examples.persistence.PersistenceExample;
import io.gogoscope.examples.policies.PoliciesExample;
import io.gogoscope.examples.tracing.TraceTreeExample;
import io.gogoscope.examples.typederrors.TypedErrorsExample;
import java.util.List;

/**
 * Runs every example in turn: what {@code mvn -Pexamples verify} runs. To add one, add a line to
 * {@link #EXAMPLES}.
 */
public final class RunAllExamples {

  /** An example's title and its main method. */
  record Example(String title, Main main) {}

  /** A {@code main} method. */
  @FunctionalInterface
  interface Main {
    void run(String[] args) throws Exception;
  }

  static final List<Example> EXAMPLES = List.of(
      new Example("The runtime by hand: parallel fetch with a timeout, a retry, a race", RuntimeByHand::main),
      new Example("Typed errors: an annotated interface, the generated ScopedUserService, a switch over results",
          TypedErrorsExample::main),
      new Example(
          "Locks, rate limits and a shared circuit breaker in a store two instances share"
              + " (SQLite unless -Dgogoscope.store says otherwise)",
          PersistenceExample::main),
      new Example(
          "Policies: a result retried until it is ready, a breaker that skips the customer's mistakes,"
              + " both changed by configuration",
          PoliciesExample::main),
      new Example("A trace tree of one order, from the spans gogoscope recorded", TraceTreeExample::main),
      new Example(
          "Prometheus metrics of 40 orders, served at /metrics on a free port",
          args -> MonitoringExample.main(new String[] {"0", "40"})));

  private RunAllExamples() {}

  /** Runs every example; stops at the first that throws. */
  public static void main(String[] args) throws Exception {
    for (Example example : EXAMPLES) {
      System.out.println("=== " + example.title());
      example.main().run(args);
      System.out.println();
    }
  }
}
