package io.gogoscope.persistence.redis;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM running a main class of the test classpath: the other process of the reliability
 * tests. Its stdout lines are queued for {@link #awaitLine}; its stderr goes to a file under
 * target/ that failures point to.
 */
final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final Path stderr;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Writer stdin;

  private ChildJvm(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    this.stdin = process.outputWriter(StandardCharsets.UTF_8);
    Thread.ofVirtual()
        .name("child-jvm-stdout")
        .start(
            () -> {
              try (BufferedReader out = process.inputReader(StandardCharsets.UTF_8)) {
                for (String line; (line = out.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("stdout closed: " + e); // the process died; awaitLine reports it
              }
            });
  }

  /** Starts {@code main} with {@code args} on the test classpath. */
  static ChildJvm start(Class<?> main, String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
    // Surefire puts the real test classpath here (java.class.path may be its manifest-only jar).
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(java, "-cp", classpath, "-Xmx256m", main.getName()));
    command.addAll(List.of(args));
    Path stderr = Files.createTempFile(Path.of("target"), main.getSimpleName() + "-", ".stderr");
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.to(stderr.toFile())).start();
    return new ChildJvm(process, stderr);
  }

  long pid() {
    return process.pid();
  }

  /** Waits for the next stdout line starting with {@code prefix}, skipping others. */
  String awaitLine(String prefix, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError(
            "child JVM printed no line starting with '" + prefix + "' within " + timeout
                + " (alive: " + process.isAlive() + "); its stderr: " + stderrText());
      }
      if (line.startsWith(prefix)) {
        return line;
      }
    }
  }

  /** Writes {@code line} to the child's stdin. */
  void send(String line) {
    try {
      stdin.write(line + "\n");
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("child JVM's stdin is closed; its stderr: " + stderrText(), e);
    }
  }

  /** SIGKILL: the process gets no chance to release anything. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Waits for the child to exit by itself and checks it succeeded. */
  void awaitSuccess(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("child JVM did not finish within " + timeout + "; its stderr: " + stderrText());
    }
    if (process.exitValue() != 0) {
      throw new AssertionError("child JVM exited with " + process.exitValue() + "; its stderr: " + stderrText());
    }
  }

  String stderrText() {
    try {
      return stderr + ":\n" + Files.readString(stderr);
    } catch (IOException e) {
      return stderr + " (unreadable: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
    new File(stderr.toString()).deleteOnExit();
  }
}
