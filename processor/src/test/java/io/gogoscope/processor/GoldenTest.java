package io.gogoscope.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.gogoscope.processor.writing.Columns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated code of representative interfaces, compared byte for byte with the files under
 * {@code src/test/resources/golden/<case>/expected}. After a deliberate change to the output, run
 * with {@code -Dgolden.update=true} to rewrite them, and review the diff.
 */
class GoldenTest {
  /** The golden cases: one directory each under {@code golden/}, checked by every test here. */
  static List<String> cases() {
    return List.of("users", "generics", "shapes", "naming", "policies", "results");
  }

  private static final Path GOLDEN = Paths.get("src", "test", "resources", "golden");

  @ParameterizedTest
  @MethodSource("cases")
  void generatedCodeMatchesTheGoldenFiles(String name) throws IOException {
    Map<String, String> generated = generate(inputs(name));
    Path expected = GOLDEN.resolve(name).resolve("expected");
    if (Boolean.getBoolean("golden.update")) {
      write(expected, generated);
    }
    assertThat(generated).isEqualTo(read(expected));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void twoCompilesGiveByteIdenticalOutput(String name) {
    List<JavaFileObject> inputs = inputs(name);
    Map<String, String> first = generate(inputs);
    List<JavaFileObject> reversed = new ArrayList<>(inputs);
    Collections.reverse(reversed);
    assertThat(generate(reversed)).isEqualTo(first);
  }

  /**
   * Every line of generated code, Javadoc included, fits in {@value Columns#LIMIT} columns: in the
   * golden files and in what the processor writes now (the index resources are data, not code).
   */
  @ParameterizedTest
  @MethodSource("cases")
  void everyGeneratedLineFitsInOneHundredColumns(String name) throws IOException {
    Map<String, String> files = new TreeMap<>();
    read(GOLDEN.resolve(name).resolve("expected")).forEach((path, text) -> files.put("golden " + path, text));
    generate(inputs(name)).forEach((path, text) -> files.put("generated " + path, text));
    List<String> tooLong = new ArrayList<>();
    files.forEach((path, text) -> {
      if (path.endsWith(".java")) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
          if (lines.get(i).length() > Columns.LIMIT) {
            tooLong.add(path + ":" + (i + 1) + " (" + lines.get(i).length() + " columns): " + lines.get(i));
          }
        }
      }
    });
    assertWithMessage("lines over %s columns", Columns.LIMIT).that(tooLong).isEmpty();
  }

  /**
   * The generated code compiles clean under {@code -Xlint:all -Werror}: compiled again, without the
   * processor (whose only lint, "no processor claimed these annotations", concerns annotation
   * processing and not the code), beside the sources it came from.
   */
  @ParameterizedTest
  @MethodSource("cases")
  void generatedCodeCompilesUnderXlintAllWerror(String name) {
    List<JavaFileObject> inputs = inputs(name);
    Compilation processed = Compiler.compile(inputs.toArray(JavaFileObject[]::new));
    assertThat(processed).succeededWithoutWarnings();
    List<JavaFileObject> all = new ArrayList<>(inputs);
    all.addAll(processed.generatedSourceFiles());
    Compilation plain = javac().withOptions("--release", "21", "-Xlint:all", "-Werror", "-proc:none").compile(all);
    assertThat(plain).succeededWithoutWarnings();
  }

  static List<JavaFileObject> inputs(String name) {
    Path root = GOLDEN.resolve(name).resolve("input");
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(file -> file.toString().endsWith(".java")).sorted().map(file -> {
        String relative = root.relativize(file).toString().replace('\\', '/');
        String qualified = relative.substring(0, relative.length() - ".java".length()).replace('/', '.');
        try {
          return JavaFileObjects.forSourceString(qualified, Files.readString(file));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Generated sources by path ({@code golden/users/ScopedUserService.java}) and content, and the
   * index resources by path ({@code META-INF/gogoscope/tasks/golden.users.UserService},
   * {@code META-INF/gogoscope/scoped/golden.users.UserService}).
   */
  static Map<String, String> generate(List<JavaFileObject> inputs) {
    Compilation compilation = Compiler.compile(inputs.toArray(JavaFileObject[]::new));
    assertThat(compilation).succeededWithoutWarnings();
    Map<String, String> files = new TreeMap<>();
    for (JavaFileObject file : compilation.generatedSourceFiles()) {
      String path = file.toUri().getPath();
      String relative = path.substring(path.indexOf("golden/"));
      try {
        files.put(relative, file.getCharContent(true).toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    // The task and Scoped indexes (META-INF/gogoscope/<kind>/<binary name>) are generated output too.
    for (JavaFileObject file : compilation.generatedFiles()) {
      String path = file.toUri().getPath();
      int index = path.indexOf("META-INF/gogoscope/");
      if (file.getKind() == JavaFileObject.Kind.OTHER && index >= 0) {
        try {
          files.put(path.substring(index), file.getCharContent(true).toString());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return files;
  }

  private static Map<String, String> read(Path expected) throws IOException {
    Map<String, String> files = new TreeMap<>();
    assertWithMessage("golden files of %s (run once with -Dgolden.update=true to create them)", expected)
        .that(Files.isDirectory(expected)).isTrue();
    try (Stream<Path> paths = Files.walk(expected)) {
      for (Path file : paths.filter(Files::isRegularFile).toList()) {
        files.put(expected.relativize(file).toString().replace('\\', '/'), Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  private static void write(Path expected, Map<String, String> generated) throws IOException {
    for (Map.Entry<String, String> file : generated.entrySet()) {
      Path target = expected.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
    }
  }
}
