package io.gogoscope.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The benchmark corpus compiles clean, so issue 6's javac-time benchmark can rely on it. */
class CorpusTest {

  @Test
  void aCorpusOfTwentyInterfacesCompilesClean() {
    Compilation compilation = Compiler.compile(Corpus.sources(20).toArray(JavaFileObject[]::new));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFiles()).hasSize(40);
  }
}
