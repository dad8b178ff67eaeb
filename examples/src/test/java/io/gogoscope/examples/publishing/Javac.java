package io.gogoscope.examples.publishing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the JDK's {@code javac} in a process of its own, so the processor path given is the only
 * place the processor and its libraries come from (in this JVM the test class path, with its own
 * Guava, would sit behind the processor's class loader).
 */
final class Javac {
  private Javac() {}

  /** What javac said and its exit code. */
  record Outcome(int exitCode, String output) {}

  /** Compiles {@code sources} with {@code options} first; output goes where the options say. */
  static Outcome run(List<String> options, Collection<Path> sources)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "javac").toString());
    command.addAll(options);
    sources.forEach(source -> command.add(source.toString()));
    Process javac = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!javac.waitFor(3, TimeUnit.MINUTES)) {
      javac.destroyForcibly();
      throw new IllegalStateException("javac did not finish in 3 minutes: " + output);
    }
    return new Outcome(javac.exitValue(), output);
  }

  /** Paths joined as a class, module or processor path. */
  static String path(Collection<Path> entries) {
    return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
  }

  /** Writes {@code text} to {@code relative} under {@code folder} and returns the file. */
  static Path write(Path folder, String relative, String text) throws IOException {
    Path file = folder.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }
}
