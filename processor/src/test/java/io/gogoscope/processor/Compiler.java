package io.gogoscope.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/** Compiles test sources through the processor, the way javac runs it for users. */
final class Compiler {
  /** The lint options of the project's own build: every warning but the processing ones. */
  static final List<String> LINT = List.of("-Xlint:all,-processing", "-Werror");

  private Compiler() {}

  static Compilation compile(JavaFileObject... sources) {
    return compile(new ScopeProcessor(), sources);
  }

  static Compilation compile(ScopeProcessor processor, JavaFileObject... sources) {
    List<String> options = new ArrayList<>(List.of("--release", "21"));
    options.addAll(LINT);
    return javac().withProcessors(processor).withOptions(options).compile(sources);
  }
}
