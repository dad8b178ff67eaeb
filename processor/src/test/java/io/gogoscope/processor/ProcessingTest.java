package io.gogoscope.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** How the processor behaves across a compile: many errors, internal failures, rounds. */
class ProcessingTest {

  @Test
  void everyErrorInOneFileIsReportedInOneCompile() {
    JavaFileObject file = MisuseTest.source("""
        @ScopeTask interface Orders {
          @Retry(attempts = 0)
          String a();
          @Timeout("2 parsecs")
          String b();
          @RateLimit(limit = 0)
          String c();
          @DistributedLock(key = "{nope}")
          String d(String id);
        }
        @ScopeTask class NotAnInterface {}
        @ScopeTask interface Fine { String get(); }
        """);
    Compilation compilation = Compiler.compile(file);
    assertThat(compilation).hadErrorCount(5);
    assertThat(compilation).hadErrorContaining("[GGS-RETRY-ATTEMPTS]").inFile(file).onLineContaining("attempts = 0");
    assertThat(compilation).hadErrorContaining("[GGS-DURATION]").inFile(file).onLineContaining("2 parsecs");
    assertThat(compilation).hadErrorContaining("[GGS-RATE-LIMIT]").inFile(file).onLineContaining("limit = 0");
    assertThat(compilation).hadErrorContaining("[GGS-KEY-PARAMETER]").inFile(file).onLineContaining("{nope}");
    assertThat(compilation).hadErrorContaining("[GGS-NOT-INTERFACE]").inFile(file).onLineContaining("class NotAnInterface");
  }

  @Test
  void anExceptionInsideTheProcessorIsAPositionedInternalError() {
    JavaFileObject file = MisuseTest.source("""
        @ScopeTask interface Broken { String get(); }
        @ScopeTask interface Fine { String get(); }
        """);
    ScopeProcessor failing = new ScopeProcessor(type -> {
      if (type.getSimpleName().contentEquals("Broken")) {
        throw new IllegalStateException("injected failure");
      }
    });
    Compilation compilation = Compiler.compile(failing, file);
    assertThat(compilation).hadErrorContaining(
            "[GGS-INTERNAL] internal error in gogoscope's processor while processing test.Broken:"
                + " java.lang.IllegalStateException: injected failure at ")
        .inFile(file)
        .onLineContaining("interface Broken");
    assertThat(compilation).hadErrorContaining(
        "This is a bug in gogoscope, not in your code; please report it with this interface."
            + " ScopedBroken was not generated.");
    // The failure stopped nothing else: Fine was processed without a word.
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aTypeThatNeverResolvesIsReportedAtTheLastRound() {
    JavaFileObject file = MisuseTest.source("""
        @ScopeTask interface Users {
          String get(Missing missing);
        }
        """);
    Compilation compilation = Compiler.compile(file);
    assertThat(compilation).hadErrorContaining(
            "[GGS-UNRESOLVED-TYPE] ScopedUsers was not generated, because the type Missing used here"
                + " could not be resolved: fix or add the missing type (or the processor that should"
                + " generate it)")
        .inFile(file)
        .onLineContaining("Missing missing");
  }

  @Test
  void aTypeGeneratedInALaterRoundIsWaitedFor() {
    JavaFileObject file = MisuseTest.source("""
        @ScopeTask interface Users {
          Token get(String id);
        }
        """);
    Compilation compilation = javac()
        .withProcessors(new ScopeProcessor(), new TokenGenerator())
        .withOptions(Compiler.LINT)
        .compile(file);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.ScopedUsers").contentsAsUtf8String()
        .contains("Result<GetError, Token> get(String id);");
  }

  @Test
  void theAnnotationsAreLeftForOtherProcessorsToSee() {
    Spy spy = new Spy();
    Compilation compilation = javac()
        .withProcessors(new ScopeProcessor(), spy)
        .withOptions(Compiler.LINT)
        .compile(MisuseTest.source("@ScopeTask interface Users { String get(); }\n"));
    assertThat(compilation).succeeded();
    assertThat(spy.seen).contains("io.gogoscope.annotations.ScopeTask");
  }

  /** Writes {@code test.Token} in the first round, as another processor might. */
  private static final class TokenGenerator extends AbstractProcessor {
    private boolean written;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!written) {
        written = true;
        try (Writer writer = processingEnv.getFiler().createSourceFile("test.Token").openWriter()) {
          writer.write("package test;\npublic record Token(String value) {}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  /** Records the annotations it is offered after gogoscope's processor has run. */
  private static final class Spy extends AbstractProcessor {
    final List<String> seen = new ArrayList<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("io.gogoscope.annotations.ScopeTask");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      annotations.forEach(annotation -> seen.add(annotation.getQualifiedName().toString()));
      return false;
    }
  }
}
