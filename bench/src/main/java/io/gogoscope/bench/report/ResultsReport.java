package io.gogoscope.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Writes RESULTS.md from a JMH JSON result and the machine it ran on: the machine and JDK, the
 * targets of DESIGN.md section 6 (met or missed by how much), and per benchmark class every figure
 * with its error and allocation plus a ratio table against each peer of the same run.
 *
 * <p>Run again on a kept result: {@code java -cp … io.gogoscope.bench.report.ResultsReport
 * jmh-result.json machine.properties RESULTS.md}.
 */
public final class ResultsReport {

  private final Results results;
  private final Machine machine;
  private final Names names;
  private final Properties versions;

  private ResultsReport(Results results, Machine machine, Properties versions) {
    this.results = results;
    this.machine = machine;
    this.versions = versions;
    this.names = new Names(versions);
  }

  /** Renders {@code args[0]} (JMH JSON) and {@code args[1]} (machine) into {@code args[2]}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: ResultsReport <jmh-result.json> <machine.properties> <RESULTS.md>");
      System.exit(2);
    }
    write(Path.of(args[0]), Machine.read(Path.of(args[1])), Path.of(args[2]));
  }

  /** Reads {@code json}, renders it and writes {@code report}. */
  public static void write(Path json, Machine machine, Path report) throws IOException {
    String markdown = render(new Results(JmhJson.read(json)), machine);
    Files.writeString(report, markdown);
  }

  static String render(Results results, Machine machine) {
    return new ResultsReport(results, machine, versions()).render();
  }

  private String render() {
    StringBuilder out = new StringBuilder();
    out.append("# gogoscope benchmark results\n\n");
    if (machine.smoke()) {
      out.append("> **Smoke pass, not a measurement.** One fork, one short iteration each: this "
          + "file only shows that every benchmark runs. Run `bench/run.sh` on a quiet machine for "
          + "figures.\n\n");
    }
    out.append("Written by `bench/run.sh` (JMH ").append(versions.getProperty("jmh"))
        .append("). Each figure is the mean over all forks and measured iterations, ± the 99.9 % "
            + "confidence half-width JMH reports; B/op is the allocation per operation from "
            + "`-prof gc` (`gc.alloc.rate.norm`). Every ratio compares figures from this run.\n\n");
    machine(out);
    targets(out);
    for (String className : orderedClasses()) {
      section(out, className);
    }
    return out.toString();
  }

  private void machine(StringBuilder out) {
    out.append("## Machine\n\n");
    Measurement any = results.all().isEmpty() ? null : results.all().get(0);
    MarkdownTable table = new MarkdownTable("", "");
    table.row("CPU", machine.cpu() + ", " + machine.cores() + " cores visible to the JVM");
    table.row("memory", machine.memory());
    table.row("OS", machine.os());
    if (any != null) {
      table.row("JDK", any.run().jdkVersion() + ", " + any.run().vmName() + " " + any.run().vmVersion());
      table.row("JVM arguments (every fork)", "`" + String.join(" ", commonJvmArgs()) + "`");
    }
    table.row("load average at start (1, 5, 15 min)", machine.loadAverage());
    if (!machine.loadAverageAtEnd().isEmpty()) {
      table.row("load average at end", machine.loadAverageAtEnd());
    }
    table.row("started", machine.started().toString());
    table.row("peers", peerVersions());
    table.appendTo(out);
  }

  /** The JVM arguments every fork had (a class may add its own, such as JMH's executor). */
  private List<String> commonJvmArgs() {
    List<String> common = new ArrayList<>(results.all().get(0).run().jvmArgs());
    results.all().forEach(m -> common.retainAll(m.run().jvmArgs()));
    return common;
  }

  private String peerVersions() {
    return "Resilience4j " + versions.getProperty("resilience4j")
        + ", Failsafe " + versions.getProperty("failsafe")
        + ", SmallRye Fault Tolerance " + versions.getProperty("smallrye") + " (standalone)"
        + ", Redisson " + versions.getProperty("redisson")
        + ", ShedLock " + versions.getProperty("shedlock")
        + ", Jdbi " + versions.getProperty("jdbi")
        + ", HikariCP " + versions.getProperty("hikaricp")
        + ", pgjdbc " + versions.getProperty("postgresql-jdbc")
        + ", sqlite-jdbc " + versions.getProperty("sqlite-jdbc");
  }

  private void targets(StringBuilder out) {
    out.append("## Targets (DESIGN.md section 6)\n\n");
    MarkdownTable table = new MarkdownTable("target", "measured (gogoscope vs peer)", "verdict");
    List<Target.Verdict> missed = new ArrayList<>();
    for (Target target : Targets.all()) {
      Target.Verdict verdict = target.check(results);
      String status = switch (verdict.status()) {
        case MET -> "met";
        case MISSED -> "**" + verdict.detail() + "**";
        case NOT_MEASURED -> "not measured";
      };
      table.row(target.claim(), verdict.measured(), status);
      if (verdict.status() == Target.Status.MISSED) {
        missed.add(verdict);
      }
    }
    table.appendTo(out);
    if (machine.smoke()) {
      out.append("(Smoke pass: these verdicts come from one short iteration on whatever else the "
          + "machine was doing. They show the checks work, nothing more.)\n\n");
      return;
    }
    for (Target.Verdict verdict : missed) {
      out.append("- **").append(verdict.target().claim()).append("**: ").append(verdict.detail())
          .append(". ").append(verdict.target().ifMissed()).append('\n');
    }
    if (!missed.isEmpty()) {
      out.append('\n');
    }
  }

  /** The classes of {@link Names#SECTIONS} first, in that order, then any others. */
  private List<String> orderedClasses() {
    Set<String> ordered = new LinkedHashSet<>();
    for (String known : Names.SECTIONS.keySet()) {
      if (results.classNames().contains(known)) {
        ordered.add(known);
      }
    }
    ordered.addAll(results.classNames());
    return List.copyOf(ordered);
  }

  private void section(StringBuilder out, String className) {
    Names.Section section = Names.SECTIONS.getOrDefault(className, new Names.Section(className, ""));
    List<Measurement> rows = new ArrayList<>(results.ofClass(className));
    rows.sort(Comparator.comparing(Measurement::paramsText, ResultsReport::naturalOrder)
        .thenComparing(Measurement::policies)
        .thenComparing(m -> rank(m.library())));
    out.append("## ").append(section.title()).append("\n\n");
    if (!section.what().isEmpty()) {
      out.append(section.what()).append("\n\n");
    }
    out.append("`").append(className).append("`: ").append(settings(rows)).append(".\n\n");
    out.append(ResultsCharts.link(section.title(), className)).append("\n\n");

    boolean hasParams = rows.stream().anyMatch(m -> !m.params().isEmpty());
    MarkdownTable figures = hasParams
        ? new MarkdownTable("library", "policies", "params", "score", "unit", "B/op")
        : new MarkdownTable("library", "policies", "score", "unit", "B/op");
    for (Measurement m : rows) {
      String library = m.isGogoscope() ? "**gogoscope**" : names.library(m.library());
      String score = Figures.withError(m.score(), m.error());
      String bytes = Figures.bytes(m.bytesPerOp());
      if (hasParams) {
        figures.row(library, Names.policies(m.policies()), m.paramsText(), score, m.unit(), bytes);
      } else {
        figures.row(library, Names.policies(m.policies()), score, m.unit(), bytes);
      }
    }
    figures.appendTo(out);

    MarkdownTable ratios = new MarkdownTable(
        "policies", "params", "peer", "gogoscope vs peer", "B/op gogoscope / peer");
    for (Measurement ours : rows) {
      if (!ours.isGogoscope()) {
        continue;
      }
      for (Measurement peer : rows) {
        if (!peer.isGogoscope() && peer.policies().equals(ours.policies())
            && peer.params().equals(ours.params())) {
          Comparison comparison = new Comparison(ours, peer);
          ratios.row(Names.policies(ours.policies()), ours.paramsText(), names.library(peer.library()),
              comparison.verdict(),
              Figures.bytes(ours.bytesPerOp()) + " / " + Figures.bytes(peer.bytesPerOp()));
        }
      }
    }
    if (!ratios.isEmpty()) {
      out.append("Ratios (above 1×: gogoscope is faster; \"same within error\": the 99.9 % "
          + "intervals overlap):\n\n");
      ratios.appendTo(out);
    }
  }

  /** The distinct fork / iteration settings of a section, in words. */
  private static String settings(List<Measurement> rows) {
    Set<String> distinct = new LinkedHashSet<>();
    for (Measurement m : rows) {
      Measurement.RunSettings run = m.run();
      String threads = run.threads() > 1 ? ", " + run.threads() + " threads" : "";
      String forks = plural(run.forks(), "fork");
      String text = m.mode().equals("ss")
          ? forks + " × " + plural(run.measurementIterations(), "measured shot") + " after "
              + plural(run.warmupIterations(), "warm-up shot")
          : forks + " × " + run.measurementIterations() + " × " + run.measurementTime()
              + " measured after " + run.warmupIterations() + " × " + run.warmupTime() + " warm-up";
      distinct.add(text + threads);
    }
    return String.join("; ", distinct);
  }

  private static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  /** direct first, then gogoscope, then peers alphabetically. */
  private static String rank(String library) {
    return switch (library) {
      case "direct" -> "0";
      case "gogoscope" -> "1";
      default -> "2" + library;
    };
  }

  /** Orders {@code tasks=10} after {@code tasks=1} and before {@code tasks=1000}. */
  private static int naturalOrder(String a, String b) {
    String digitsA = a.replaceAll("\\D", "");
    String digitsB = b.replaceAll("\\D", "");
    String prefixA = a.replaceAll("\\d", "");
    String prefixB = b.replaceAll("\\d", "");
    if (prefixA.equals(prefixB) && !digitsA.isEmpty() && !digitsB.isEmpty()) {
      return Long.compare(Long.parseLong(digitsA), Long.parseLong(digitsB));
    }
    return a.compareTo(b);
  }

  private static Properties versions() {
    Properties versions = new Properties();
    try (InputStream in = ResultsReport.class.getResourceAsStream("/io/gogoscope/bench/versions.properties")) {
      if (in == null) {
        throw new IllegalStateException("versions.properties is missing from the class path: build bench with Maven");
      }
      versions.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return versions;
  }
}
