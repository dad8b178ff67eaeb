package io.gogoscope.observe.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.Guard;
import io.gogoscope.Result;
import io.gogoscope.ScopeRuntime;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The OpenTelemetry SDK is an optional dependency that the observer only reads when present
 * ({@link SamplerShortcut}): an application with the API and no SDK (a library, or an agent that
 * brings its own) traces through the observer unchanged. Proven in a JVM whose class path holds
 * gogoscope, the OpenTelemetry API and this test's classes, and no SDK.
 */
class ApiWithoutSdkTest {

  @Test
  void observerWorksWithTheApiAndNoSdkOnTheClassPath() throws Exception {
    List<String> classPath = testClassPath().stream().filter(ApiWithoutSdkTest::isGogoscopeOrApi).toList();
    assertThat(classPath)
        .anyMatch(entry -> entry.contains("opentelemetry-api"))
        .noneMatch(entry -> entry.contains("opentelemetry-sdk"));

    Process jvm = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", String.join(File.pathSeparator, classPath),
            Application.class.getName())
        .redirectErrorStream(true)
        .start();
    String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(jvm.waitFor(2, TimeUnit.MINUTES)).isTrue();

    assertThat(jvm.exitValue()).as(output).isZero();
    assertThat(output).contains("OK root, under an unsampled parent");
  }

  /** Surefire's real test class path (java.class.path may be a manifest-only booter jar). */
  private static List<String> testClassPath() {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.asList(classPath.split(File.pathSeparator));
  }

  private static boolean isGogoscopeOrApi(String entry) {
    String path = entry.replace('\\', '/');
    return path.matches(".*/opentelemetry-(api|context|common)-[^/]*\\.jar")
        || path.matches(".*/gogoscope-annotations-[^/]*\\.jar")
        || path.matches(".*/(annotations|runtime)/target/(test-)?classes/?");
  }

  /** Calls a traced guard as a root and under an unsampled parent, with only the API present. */
  public static final class Application {
    private Application() {}

    public static void main(String[] args) {
      Guard guard = ScopeRuntime.builder().openTelemetry(OpenTelemetry.noop()).build().guard("g").build();
      Result<?, String> root = guard.call(() -> "root");
      Span unsampled = Span.wrap(SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c",
          "b7ad6b7169203331", TraceFlags.getDefault(), TraceState.getDefault()));
      Result<?, String> child;
      try (var ignored = unsampled.makeCurrent()) {
        child = guard.call(() -> "under an unsampled parent");
      }
      System.out.println("OK " + root.orElseThrow() + ", " + child.orElseThrow());
    }
  }
}
