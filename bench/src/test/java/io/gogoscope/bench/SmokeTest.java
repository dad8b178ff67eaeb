package io.gogoscope.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.bench.run.SuiteRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CI smoke pass: every benchmark runs once, briefly, in a forked JVM as in a real run (so a
 * benchmark that no longer compiles, fails in its setup or measures a failing call breaks the
 * build), and the report is written from the result. It measures nothing.
 */
class SmokeTest {

  @Test
  void everyBenchmarkRunsAndTheReportIsWritten() throws Exception {
    Path out = Path.of("target/jmh-smoke");
    Path report = out.resolve("RESULTS.md");

    SuiteRunner.run(true, out, report, List.of());

    String markdown = Files.readString(report);
    assertThat(markdown)
        .contains("Smoke pass, not a measurement")
        .contains("## Targets (DESIGN.md section 6)")
        .contains("## A call that succeeds")
        .contains("## A call that fails twice, then succeeds")
        .contains("## Fork and join of tasks")
        .contains("## A call through a closed circuit breaker")
        .contains("## javac: a corpus of annotated methods, with and without the processor")
        .contains("## SQLite: lock acquire and release");
    if (!"true".equals(System.getenv("CI"))) {
      return; // outside CI the server benchmarks may have been left out (the runner said so)
    }
    assertThat(markdown)
        .contains("## Redis: lock acquire and release, one caller")
        .contains("## Redis: lock pairs per second from 8 virtual threads")
        .contains("## Redis: lock acquire and release on a master with a replica")
        .contains("## Redis: one rate-limit check")
        .contains("## PostgreSQL: lock acquire and release");
    // Every target is checked but the processor's, whose 500-method corpus the smoke pass shrinks.
    assertThat(markdown.lines().filter(line -> line.endsWith("| not measured |")))
        .singleElement()
        .asString()
        .startsWith("| The processor: 500 annotated methods");
  }
}
