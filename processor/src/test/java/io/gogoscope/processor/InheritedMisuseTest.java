package io.gogoscope.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A problem of a method that the processed interface inherits from a super-interface compiled
 * earlier (in a jar, say) has no source to point at: javac would print it with no file, no line
 * and no method. It is reported on the interface being processed and names the inherited method
 * and where it is declared (as Dagger does for inherited component methods).
 */
class InheritedMisuseTest {

  @Test
  void aProblemOfAMethodInheritedFromACompiledInterfaceIsReportedOnTheProcessedInterface(@TempDir Path classes)
      throws IOException {
    compileWithoutProcessing(classes, MisuseTest.source("""
        interface Lookups {
          java.util.concurrent.CompletableFuture<String> fetch(String id);
        }
        """));
    JavaFileObject users = MisuseTest.source("""
        @ScopeTask
        interface Users extends Lookups {
          String name(String id);
        }
        """);

    Compilation compilation = javac()
        .withProcessors(new ScopeProcessor())
        .withOptions(List.of("--release", "21"))
        .withClasspath(classpathWith(classes))
        .compile(users);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[GGS-RETURN-TYPE] fetch(String) returns CompletableFuture<String>")
        .inFile(users)
        .onLineContaining("interface Users extends Lookups");
    Diagnostic<? extends JavaFileObject> error = compilation.errors().get(0);
    assertThat(error.getMessage(null))
        .contains("in the method test.Lookups.fetch(java.lang.String), which test.Users inherits");
  }

  /** Compiles {@code source} into {@code classes}, as a library compiled earlier would be. */
  private static void compileWithoutProcessing(Path classes, JavaFileObject source) throws IOException {
    Compilation library = javac().withOptions(List.of("--release", "21", "-proc:none")).compile(source);
    assertThat(library).succeeded();
    for (JavaFileObject file : library.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        String path = file.toUri().getPath();
        Path target = classes.resolve(path.substring(path.indexOf("/test/") + 1));
        Files.createDirectories(target.getParent());
        try (InputStream in = file.openInputStream()) {
          Files.copy(in, target);
        }
      }
    }
  }

  /** This test's own class path (the annotations and the runtime) plus {@code classes}. */
  private static List<File> classpathWith(Path classes) {
    List<File> path = new ArrayList<>();
    path.add(classes.toFile());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      path.add(new File(entry));
    }
    return path;
  }
}
