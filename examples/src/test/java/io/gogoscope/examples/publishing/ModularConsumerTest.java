package io.gogoscope.examples.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every published jar has a stable JPMS name (its manifest's {@code Automatic-Module-Name}), and an
 * application that is itself a named module compiles against them: its {@code module-info} requires
 * each of them by that name, the processor writes its Scoped* code inside the module, and the code
 * uses the runtime and both store modules. Their own dependencies (Redisson, Jdbi, ...) stay on the
 * class path, which automatic modules read.
 */
class ModularConsumerTest {
  private static PublishedJars jars;

  @BeforeAll
  static void findJars() throws IOException {
    jars = PublishedJars.find().requireBuilt();
  }

  @Test
  void everyPublishedJarDeclaresItsModuleName() throws IOException {
    Map<String, String> names = moduleNames();

    assertThat(names.keySet())
        .containsAll(
            List.of(
                "annotations",
                "runtime",
                "processor",
                "persistence/redis",
                "persistence/jdbi",
                "test-kit",
                "integrations/spring-boot"));
    names.forEach(
        (folder, name) ->
            assertThat(name)
                .as("Automatic-Module-Name of " + folder)
                .isNotBlank()
                .startsWith("io.gogoscope.")
                .matches("[a-z]+(\\.[a-z]+)*"));
    assertThat(names.values()).doesNotHaveDuplicates();
    for (PublishedJars.Module module : jars.modules()) {
      ModuleReference reference =
          ModuleFinder.of(module.jar()).findAll().stream().findFirst().orElseThrow();
      assertThat(reference.descriptor().name())
          .as("the name the JDK gives " + module.jar().getFileName())
          .isEqualTo(names.get(module.folder()));
    }
  }

  @Test
  void aNamedModuleCompilesAgainstThem(@TempDir Path work) throws Exception {
    Map<String, String> names = moduleNames();
    String processorModule = names.remove("processor");
    assertThat(processorModule).isEqualTo("io.gogoscope.processor");
    String requires =
        names.values().stream().map(name -> "  requires " + name + ";").collect(Collectors.joining("\n"));
    List<Path> sources = new ArrayList<>();
    sources.add(
        Javac.write(
            work, "src/module-info.java", "module consumer {\n" + requires + "\n}\n"));
    sources.add(
        Javac.write(
            work,
            "src/consumer/app/QuoteService.java",
            """
            package consumer.app;

            import io.gogoscope.annotations.ScopeTask;
            import io.gogoscope.annotations.Timeout;
            import java.io.IOException;

            @ScopeTask(name = "quotes")
            public interface QuoteService {
              @Timeout("1s")
              String quote(String symbol) throws IOException;
            }
            """));
    sources.add(
        Javac.write(
            work,
            "src/consumer/app/Quotes.java",
            """
            package consumer.app;

            import io.gogoscope.Result;
            import io.gogoscope.ScopeRuntime;
            import io.gogoscope.persistence.jdbi.JdbiStores;
            import io.gogoscope.persistence.redis.RedisStores;
            import io.gogoscope.store.Stores;
            import java.util.List;

            final class Quotes {
              static final List<Class<? extends Stores>> STORES =
                  List.of(RedisStores.class, JdbiStores.class);

              static String quote(QuoteService service) {
                ScopedQuoteService scoped = ScopedQuoteService.of(service, ScopeRuntime.defaults());
                return switch (scoped.quote("GGS")) {
                  case Result.Ok<?, String>(var price) -> price;
                  case Result.Err<ScopedQuoteService.QuoteError, String>(var error) -> error.toString();
                };
              }

              private Quotes() {}
            }
            """));
    List<Path> modulePath =
        jars.modules().stream()
            .filter(m -> !m.folder().equals("processor"))
            .map(PublishedJars.Module::jar)
            .toList();

    Javac.Outcome outcome =
        Javac.run(
            List.of(
                "--release", "21",
                "-Xlint:all,-processing,-requires-automatic",
                "-Werror",
                "--module-path", Javac.path(modulePath),
                "--class-path", Javac.path(theirDependencies()),
                "--processor-path", jars.module("processor").jar().toString(),
                "-d", work.resolve("classes").toString()),
            sources);

    assertThat(outcome.exitCode()).as(outcome.output()).isZero();
    assertThat(work.resolve("classes/module-info.class")).isRegularFile();
    assertThat(work.resolve("classes/consumer/app/ScopedQuoteService.class")).isRegularFile();
  }

  /** Folder to Automatic-Module-Name, read from each published jar's manifest. */
  private static Map<String, String> moduleNames() throws IOException {
    Map<String, String> names = new LinkedHashMap<>();
    for (PublishedJars.Module module : jars.modules()) {
      try (JarFile jar = new JarFile(module.jar().toFile())) {
        String name = jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
        names.put(module.folder(), name == null ? "" : name);
      }
    }
    return names;
  }

  /** This module's test class path without gogoscope's own jars and classes folders. */
  private static List<Path> theirDependencies() {
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(classPath.split(File.pathSeparator))
        .filter(entry -> !entry.replace('\\', '/').matches(".*/(gogoscope-[^/]*\\.jar|target/(test-)?classes/?)"))
        .map(Path::of)
        .toList();
  }
}
