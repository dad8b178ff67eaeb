package io.gogoscope.examples.monitoring;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds Debian's Prometheus tools. Missing under CI=true is a failure (.ci/run installs them);
 * elsewhere the test is skipped with the command that installs them.
 */
final class ExternalTool {
  private ExternalTool() {}

  static Path require(String name) {
    Optional<Path> found = onPath(name);
    if (found.isPresent()) {
      return found.get();
    }
    String message =
        name
            + " is not installed; install Debian's prometheus package (apt-get install -y prometheus),"
            + " which .ci/run does when it is missing";
    if ("true".equals(System.getenv("CI"))) {
      fail(message);
    }
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  /** What a finished command printed (stdout and stderr together) and its exit code. */
  record Run(int exitCode, String output) {}

  /** Runs {@code command} in {@code directory}, killing it after {@code timeout}. */
  static Run run(Path directory, Duration timeout, String... command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(
            () -> {
              try (var in = process.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      fail(String.join(" ", command) + " did not finish within " + timeout);
    }
    return new Run(process.exitValue(), output.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
