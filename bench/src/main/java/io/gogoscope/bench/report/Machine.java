package io.gogoscope.bench.report;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;

/**
 * The machine a run took place on, captured when it starts (the load average then says whether
 * the machine was quiet) and kept beside the JMH result so the report can be written again later.
 *
 * @param cpu the CPU model
 * @param cores the processors the JVM sees
 * @param memory total memory, as {@code /proc/meminfo} says it
 * @param os name, version and architecture
 * @param loadAverage the 1, 5 and 15 minute load averages at the start
 * @param loadAverageAtEnd the same when the run ended (empty until it has)
 * @param started when the run started
 * @param smoke whether this was the smoke pass (figures not meaningful)
 */
public record Machine(
    String cpu,
    int cores,
    String memory,
    String os,
    String loadAverage,
    String loadAverageAtEnd,
    Instant started,
    boolean smoke) {

  /** This machine, now. */
  public static Machine capture(boolean smoke) {
    return new Machine(
        cpuModel(),
        Runtime.getRuntime().availableProcessors(),
        readMemory(),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"),
        readLoadAverage(),
        "",
        Instant.now().truncatedTo(ChronoUnit.SECONDS),
        smoke);
  }

  /** This machine with the load average now recorded as the load at the end of the run. */
  public Machine ended() {
    return new Machine(cpu, cores, memory, os, loadAverage, readLoadAverage(), started, smoke);
  }

  /** The 1-minute load average now, or -1 where the system does not say. */
  public static double oneMinuteLoad() {
    String load = readLoadAverage();
    try {
      return Double.parseDouble(load.split(" ")[0]);
    } catch (NumberFormatException e) {
      return -1; // no /proc/loadavg: unknown
    }
  }

  /** Writes this machine to {@code file}. */
  public void write(Path file) {
    Properties properties = new Properties();
    properties.setProperty("cpu", cpu);
    properties.setProperty("cores", Integer.toString(cores));
    properties.setProperty("memory", memory);
    properties.setProperty("os", os);
    properties.setProperty("loadAverage", loadAverage);
    properties.setProperty("loadAverageAtEnd", loadAverageAtEnd);
    properties.setProperty("started", started.toString());
    properties.setProperty("smoke", Boolean.toString(smoke));
    try (Writer out = Files.newBufferedWriter(file)) {
      properties.store(out, "the machine of a gogoscope benchmark run");
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  /** Reads a machine written by {@link #write}. */
  public static Machine read(Path file) {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
    return new Machine(
        properties.getProperty("cpu"),
        Integer.parseInt(properties.getProperty("cores")),
        properties.getProperty("memory"),
        properties.getProperty("os"),
        properties.getProperty("loadAverage"),
        properties.getProperty("loadAverageAtEnd", ""),
        Instant.parse(properties.getProperty("started")),
        Boolean.parseBoolean(properties.getProperty("smoke")));
  }

  private static String cpuModel() {
    for (String line : lines(Path.of("/proc/cpuinfo"))) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).strip();
      }
    }
    return System.getProperty("os.arch") + " (model unknown)";
  }

  private static String readMemory() {
    for (String line : lines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        long kib = Long.parseLong(line.replaceAll("\\D", ""));
        return String.format("%.1f GiB", kib / 1024.0 / 1024.0);
      }
    }
    return "unknown";
  }

  private static String readLoadAverage() {
    List<String> lines = lines(Path.of("/proc/loadavg"));
    if (lines.isEmpty()) {
      return "unknown";
    }
    String[] fields = lines.get(0).split(" ");
    return fields[0] + " " + fields[1] + " " + fields[2];
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      return List.of(); // not Linux: the fields say "unknown"
    }
  }
}
