package io.gogoscope.bench.run;

import io.gogoscope.bench.infra.Requires;
import io.gogoscope.bench.infra.Service;
import io.gogoscope.bench.report.Machine;
import io.gogoscope.bench.report.ResultsCharts;
import io.gogoscope.bench.report.ResultsReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the benchmark suite with {@code -prof gc}, keeps JMH's JSON result and the machine it ran
 * on, and writes the report. {@code bench/run.sh} calls it; so does the smoke test.
 *
 * <pre>
 * SuiteRunner [--smoke] [--out DIR] [--report FILE] [REGEX...]
 * </pre>
 *
 * <ul>
 *   <li>{@code --smoke}: one fork, one short warm-up and one short measured iteration each, a
 *       small javac corpus: shows that every benchmark runs, in a few minutes; measures nothing.
 *   <li>{@code --out}: where {@code jmh-result.json} and {@code machine.properties} go.
 *   <li>{@code --report}: the Markdown file to write ({@code RESULTS.md}).
 *   <li>{@code REGEX}: run only the benchmarks they match (JMH include patterns).
 * </ul>
 *
 * <p>Benchmarks that need Redis or PostgreSQL are left out, with a message, when the server is
 * unreachable; with {@code CI=true} that fails the run instead.
 */
public final class SuiteRunner {

  private SuiteRunner() {}

  public static void main(String[] args) throws IOException, RunnerException {
    boolean smoke = false;
    Path out = Path.of("bench/target/jmh");
    Path report = null;
    List<String> includes = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--smoke" -> smoke = true;
        case "--out" -> out = Path.of(args[++i]);
        case "--report" -> report = Path.of(args[++i]);
        default -> includes.add(args[i]);
      }
    }
    run(smoke, out, report, includes);
  }

  /** Runs the suite (or the benchmarks {@code includes} match) and writes {@code report}. */
  public static void run(boolean smoke, Path out, Path report, List<String> includes)
      throws IOException, RunnerException {
    Machine machine = Machine.capture(smoke);
    if (!smoke && Machine.oneMinuteLoad() > 0.5) {
      System.err.printf("warning: load average %s at start; the figures will be noisy. A quiet "
          + "machine (below 0.5) gives figures worth committing.%n", machine.loadAverage());
    }
    Files.createDirectories(out);
    Path json = out.resolve("jmh-result.json");
    Path machineFile = out.resolve("machine.properties");
    machine.write(machineFile);

    ChainedOptionsBuilder options = new OptionsBuilder()
        .addProfiler(GCProfiler.class)
        .resultFormat(ResultFormatType.JSON)
        .result(json.toString())
        .shouldFailOnError(true)
        .verbosity(VerboseMode.NORMAL);
    if (includes.isEmpty()) {
      options.include("io\\.gogoscope\\.bench\\..*");
    } else {
      includes.forEach(options::include);
    }
    for (String excluded : unavailable()) {
      options.exclude(excluded.replace(".", "\\.") + "\\..*");
    }
    if (smoke) {
      options.forks(1)
          .warmupIterations(1)
          .warmupTime(TimeValue.milliseconds(100))
          .measurementIterations(1)
          .measurementTime(TimeValue.milliseconds(200))
          .param("methods", "50");
    }
    new Runner(options.build()).run();
    machine = machine.ended(); // a load that rose during the run shows in the report
    machine.write(machineFile);

    if (report != null) {
      ResultsReport.write(json, machine, report);
      ResultsCharts.write(report); // charts/ beside the report, from the same figures
      System.out.println("wrote " + report.toAbsolutePath());
    }
  }

  /**
   * The benchmark classes whose server is unreachable; with {@code CI=true} an unreachable server
   * is an error instead, so CI never passes by skipping.
   */
  private static Set<String> unavailable() {
    Set<String> classes = new TreeSet<>();
    for (BenchmarkListEntry entry : BenchmarkList.defaultList()
        .getAll(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of())) {
      classes.add(entry.getUserClassQName());
    }
    Set<String> unavailable = new TreeSet<>();
    for (String className : classes) {
      for (Service service : requiredServices(className)) {
        if (!service.reachable()) {
          String message = className + " needs " + service + " at " + service.address()
              + ", which is unreachable";
          if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(message + " (CI=true: start it, as .ci/run does)");
          }
          System.err.println("skipping " + message + ".");
          unavailable.add(className);
        }
      }
    }
    return unavailable;
  }

  private static Service[] requiredServices(String className) {
    try {
      Requires requires = Class.forName(className, false, SuiteRunner.class.getClassLoader())
          .getAnnotation(Requires.class);
      return requires == null ? new Service[0] : requires.value();
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("JMH lists " + className + " but it is not on the class path", e);
    }
  }
}
