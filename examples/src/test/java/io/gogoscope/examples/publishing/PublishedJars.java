package io.gogoscope.examples.publishing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The jars this build publishes, found from the poms rather than from a list kept by hand: every
 * module of the root pom that builds a jar and does not skip deploy. A module added later (the
 * testing kit, say) is checked without touching these tests once examples depends on it (which
 * puts it first in the reactor); until then it is left out.
 */
record PublishedJars(Path root, List<Module> modules) {

  /** One published module: its folder, artifactId and the main jar {@code mvn package} wrote. */
  record Module(String folder, String artifactId, Path jar) {}

  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
  private static final Pattern ARTIFACT_ID =
      Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>");
  private static final Pattern VERSION = Pattern.compile("<version>([^<]+)</version>");

  /** The project's root folder (surefire passes it on) and its published modules. */
  static PublishedJars find() throws IOException {
    String rootSetting = System.getenv("GOGOSCOPE_PROJECT_ROOT");
    Path root = Path.of(rootSetting == null ? ".." : rootSetting).toAbsolutePath().normalize();
    String rootPom = Files.readString(root.resolve("pom.xml"));
    Matcher version = VERSION.matcher(rootPom);
    if (!version.find()) {
      throw new IllegalStateException("no <version> in " + root.resolve("pom.xml"));
    }
    List<Module> modules = new ArrayList<>();
    Matcher module = MODULE.matcher(rootPom);
    while (module.find()) {
      String folder = module.group(1).trim();
      String pom = Files.readString(root.resolve(folder).resolve("pom.xml"));
      Matcher artifactId = ARTIFACT_ID.matcher(pom);
      boolean published =
          artifactId.find()
              && !pom.contains("<packaging>pom</packaging>")
              && !pom.contains("<maven.deploy.skip>true</maven.deploy.skip>");
      if (published) {
        Path jar =
            root.resolve(folder)
                .resolve("target")
                .resolve(artifactId.group(1) + "-" + version.group(1) + ".jar");
        modules.add(new Module(folder, artifactId.group(1), jar));
      }
    }
    return new PublishedJars(root, List.copyOf(modules));
  }

  /**
   * Requires every published jar to be built. They exist after {@code mvn package} or
   * {@code mvn verify} (CI runs the latter); a plain {@code mvn test} has none, so these tests then
   * step aside, except on CI where a missing jar fails them.
   */
  PublishedJars requireBuilt() throws IOException {
    // A module examples does not depend on may come after it in the reactor: it cannot be checked
    // here, so it is left out rather than failed.
    String examplesPom = Files.readString(root.resolve("examples/pom.xml"));
    List<Module> missing =
        modules.stream()
            .filter(m -> !Files.isRegularFile(m.jar()))
            .filter(m -> examplesPom.contains("<artifactId>" + m.artifactId() + "</artifactId>"))
            .toList();
    if (!missing.isEmpty()) {
      String message =
          "not built (run mvn verify, with this module after them in the reactor): " + missing;
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      assumeTrue(false, message);
    }
    return new PublishedJars(
        root, modules.stream().filter(m -> Files.isRegularFile(m.jar())).toList());
  }

  /** The module in {@code folder}. */
  Module module(String folder) {
    return modules.stream()
        .filter(m -> m.folder().equals(folder))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no published module " + folder));
  }
}
