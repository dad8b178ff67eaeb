package io.gogoscope.examples;

import io.gogoscope.examples.typederrors.TypedErrorsExample;

/** Runs every example in turn ({@code mvn -Pexamples verify} runs this). */
public final class RunAllExamples {
  private RunAllExamples() {}

  /** Runs the examples; any failure ends the run with its exception. */
  public static void main(String[] args) throws Exception {
    section("Typed errors: an annotated interface, the generated ScopedUserService, a switch over results");
    TypedErrorsExample.main(new String[0]);
  }

  private static void section(String title) {
    System.out.println();
    System.out.println("== " + title);
  }
}
