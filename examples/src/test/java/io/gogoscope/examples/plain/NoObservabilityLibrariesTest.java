package io.gogoscope.examples.plain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * OpenTelemetry and Micrometer are optional dependencies of the runtime: an application that has
 * neither runs gogoscope unchanged. Proven in a JVM whose class path holds only gogoscope's
 * annotations and runtime and the compiled application, with everything else of this module's
 * test class path (OpenTelemetry, Micrometer, Prometheus, Jackson, JUnit) left out.
 */
class NoObservabilityLibrariesTest {

  @Test
  void runsWithNeitherOpenTelemetryNorMicrometerOnTheClassPath() throws Exception {
    List<String> classPath =
        testClassPath().stream().filter(NoObservabilityLibrariesTest::isGogoscopeOrApplication).toList();
    assertThat(classPath)
        .as("class path of the plain application")
        .anyMatch(entry -> entry.contains("runtime"))
        .anyMatch(entry -> entry.contains("annotations"))
        .noneMatch(entry -> entry.contains("opentelemetry") || entry.contains("micrometer"));

    Process jvm =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                String.join(File.pathSeparator, classPath),
                PlainApplication.class.getName())
            .redirectErrorStream(true)
            .start();
    String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(jvm.waitFor(2, TimeUnit.MINUTES)).isTrue();

    assertThat(jvm.exitValue()).as(output).isZero();
    assertThat(output).contains("OK hello direct, hello forked, by hand");
  }

  /** Surefire's real test class path (java.class.path may be a manifest-only booter jar). */
  private static List<String> testClassPath() {
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.asList(classPath.split(File.pathSeparator));
  }

  /** gogoscope's annotations and runtime (as a reactor jar or classes folder), and this module's classes. */
  private static boolean isGogoscopeOrApplication(String entry) {
    String path = entry.replace('\\', '/');
    return path.matches(".*/gogoscope-(annotations|runtime)-[^/]*\\.jar")
        || path.matches(".*/(annotations|runtime)/target/classes/?")
        || path.matches(".*/examples/target/(test-)?classes/?");
  }
}
