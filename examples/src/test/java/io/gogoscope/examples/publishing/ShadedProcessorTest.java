package io.gogoscope.examples.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published processor jar is self-contained: Guava, auto-common and JavaPoet live inside it
 * under {@code io.gogoscope.processor.shaded}, so another processor's Guava on the same processor
 * path cannot reach it. Proven with Guava 16 (2014) ahead of it on the path: the consumer compiles
 * and javac's class-loading log shows no class of that Guava loaded. The control is the same
 * processor unshaded (its classes folder), with auto-common and JavaPoet beside it, as a processor
 * path without shading would be: it picks up Guava 16 and fails ({@code Optional.toJavaUtil()} came
 * in Guava 21).
 */
class ShadedProcessorTest {
  private static final String CONSUMER =
      """
      package consumer;

      import io.gogoscope.annotations.Retry;
      import io.gogoscope.annotations.ScopeTask;
      import io.gogoscope.annotations.Timeout;
      import java.io.IOException;

      @ScopeTask(name = "quotes")
      public interface QuoteService {
        @Retry(attempts = 3, delay = "10ms", retryOn = IOException.class)
        @Timeout("1s")
        String quote(String symbol) throws IOException;
      }
      """;

  private static PublishedJars jars;
  private static Path fixtures;

  @BeforeAll
  static void findJars() throws IOException {
    jars = PublishedJars.find().requireBuilt();
    fixtures = jars.root().resolve("examples/target/processor-path-fixtures");
  }

  @Test
  void processorJarHoldsItsLibrariesRelocatedAndNothingOutsideItsPackage() throws IOException {
    try (JarFile jar = new JarFile(jars.module("processor").jar().toFile())) {
      List<String> classes =
          jar.stream().map(entry -> entry.getName()).filter(n -> n.endsWith(".class")).toList();
      assertThat(classes)
          .allMatch(name -> name.startsWith("io/gogoscope/processor/"))
          .anyMatch(n -> n.startsWith("io/gogoscope/processor/shaded/com/google/common/collect/"))
          .anyMatch(n -> n.startsWith("io/gogoscope/processor/shaded/com/google/auto/common/"))
          .anyMatch(n -> n.startsWith("io/gogoscope/processor/shaded/com/palantir/javapoet/"));
      assertThat(jar.getEntry("META-INF/services/javax.annotation.processing.Processor")).isNotNull();
      assertThat(jar.getEntry("META-INF/LICENSE")).isNotNull();
      assertThat(jar.getEntry("META-INF/NOTICE")).isNotNull();
    }
    // The published pom no longer asks for what the jar now carries.
    String publishedPom =
        Files.readString(jars.root().resolve("processor/target/dependency-reduced-pom.xml"));
    String dependencies =
        publishedPom.substring(
            publishedPom.indexOf("<dependencies>"), publishedPom.indexOf("</dependencies>"));
    assertThat(dependencies).doesNotContain("guava", "auto-common", "javapoet");
  }

  @Test
  void compilesBesideAnOldGuavaOnTheProcessorPath(@TempDir Path work) throws Exception {
    Javac.Outcome outcome =
        compileConsumer(work, List.of(guava16(), jars.module("processor").jar()));

    assertThat(outcome.exitCode()).as(outcome.output()).isZero();
    assertThat(work.resolve("classes/consumer/ScopedQuoteService.class")).isRegularFile();
    assertThat(classLoads(outcome))
        .as("classes javac loaded")
        .noneMatch(line -> line.contains("guava-16"))
        .noneMatch(line -> line.contains(" com.google.common."))
        .anyMatch(line -> line.contains(" io.gogoscope.processor.shaded.com.google.common."));
  }

  @Test
  void controlTheUnshadedProcessorBreaksOnTheSamePath(@TempDir Path work) throws Exception {
    Path unshaded = jars.root().resolve("processor/target/classes");
    Javac.Outcome outcome =
        compileConsumer(
            work, List.of(guava16(), unshaded, fixture("auto-common-"), fixture("javapoet-")));

    assertThat(outcome.exitCode()).as(outcome.output()).isNotZero();
    assertThat(outcome.output()).contains("NoSuchMethodError");
    assertThat(classLoads(outcome))
        .as("classes javac loaded")
        .anyMatch(line -> line.contains(" com.google.common.") && line.contains("guava-16"));
  }

  /** The lines of javac's class-loading log ({@code -Xlog:class+load}). */
  private static List<String> classLoads(Javac.Outcome outcome) {
    return outcome.output().lines().filter(line -> line.contains("[class,load]")).toList();
  }

  private static Javac.Outcome compileConsumer(Path work, List<Path> processorPath)
      throws Exception {
    Path source = Javac.write(work, "src/consumer/QuoteService.java", CONSUMER);
    return Javac.run(
        List.of(
            "-J-Xlog:class+load=info",
            "--release", "21",
            "-classpath",
                Javac.path(
                    List.of(jars.module("annotations").jar(), jars.module("runtime").jar())),
            "-processorpath", Javac.path(processorPath),
            "-d", work.resolve("classes").toString(),
            "-s", work.resolve("generated").toString()),
        List.of(source));
  }

  private static Path guava16() throws IOException {
    return fixture("guava-16.");
  }

  private static Path fixture(String prefix) throws IOException {
    try (Stream<Path> files = Files.list(fixtures)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith(prefix))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no " + prefix + "* in " + fixtures));
    }
  }
}
