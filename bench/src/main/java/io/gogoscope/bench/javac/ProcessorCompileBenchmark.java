package io.gogoscope.bench.javac;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long javac takes for a corpus of annotated methods ({@link Corpus}), with the gogoscope
 * processor ({@code gogoscope_*}) and without any processor ({@code javac_*}); the difference is
 * what the processor adds to a build: reading the model, writing the {@code Scoped*} interfaces and
 * compiling them.
 *
 * <p>javac runs in-process through {@link javax.tools.JavaCompiler}, one whole compilation per
 * measured shot ({@link Mode#SingleShotTime}), into a fresh output folder, with the benchmark
 * JVM's class path. <b>Cold</b>: the first compilation in a fresh JVM, as a build tool that starts
 * javac anew sees it. <b>Warm</b>: after ten compilations, as in a build daemon or an IDE.
 *
 * <p>{@code generated_compileWarm} splits the difference: it compiles the corpus together with the
 * sources the processor wrote for it (generated once per trial), without any processor. Its excess
 * over {@code javac_compileWarm} is what javac spends on the generated code; the rest of
 * {@code gogoscope_compileWarm}'s excess is the processor's own work and the extra rounds.
 *
 * <p>{@code api_compileCold} and {@code api_compileWarm} isolate the floor of that share: the
 * corpus with only the generated public API, the {@code Scoped*} interfaces, whose {@code of}
 * factories return {@code null} instead of constructing the implementation, and no implementation
 * classes. What is left is what the typed contract costs javac whatever the implementation does: per
 * method a sealed union that a {@code switch} must cover, holding variants only for what that
 * method can produce, and its call and fork methods. No generator can go below it without changing
 * what users write against; the difference between {@code generated_*} and {@code api_*} is the
 * implementation's share.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class ProcessorCompileBenchmark {

  /** Annotated methods in the corpus. */
  @Param("500")
  public int methods;

  private Path sources;
  private List<Path> sourceFiles;
  private Path output;
  private ServiceLoader.Provider<Processor> processor;

  @Setup(Level.Trial)
  public void writeCorpus() throws IOException {
    sources = Files.createTempDirectory("gogoscope-bench-corpus");
    sourceFiles = Corpus.write(sources, methods);
    processor = findProcessor();
  }

  /**
   * The corpus and the sources the processor writes for it, generated once per trial. A state of its
   * own, so that only {@code generated_compileWarm} pays for (and is warmed up by) generating them.
   */
  @State(Scope.Benchmark)
  public static class GeneratedSources {
    List<Path> files;

    @Setup(Level.Trial)
    public void generate(ProcessorCompileBenchmark benchmark) throws IOException {
      Path generated = Files.createDirectories(benchmark.sources.resolve("generated"));
      benchmark.output = generated;
      benchmark.compile(true, benchmark.sourceFiles);
      List<Path> all = new ArrayList<>(benchmark.sourceFiles);
      try (Stream<Path> walk = Files.walk(generated)) {
        walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(all::add);
      }
      files = List.copyOf(all);
    }
  }

  /**
   * The corpus and only the public API the processor writes for it: the {@code Scoped*} interfaces,
   * each {@code new Scoped*Impl(delegate, runtime)} replaced by {@code null} (the {@code *Impl}
   * classes are left out), written once per trial. The processor runs in a javac process of its own
   * so that the benchmark's JVM has not loaded or compiled javac when {@code api_compileCold} runs.
   */
  @State(Scope.Benchmark)
  public static class ApiSources {
    private static final Pattern IMPL_CONSTRUCTION =
        Pattern.compile("new Scoped\\w+Impl\\(delegate, runtime\\)");

    List<Path> files;

    @Setup(Level.Trial)
    public void generate(ProcessorCompileBenchmark benchmark)
        throws IOException, InterruptedException {
      Path generated = Files.createDirectories(benchmark.sources.resolve("generated-for-api"));
      Path api = Files.createDirectories(benchmark.sources.resolve("api"));
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "javac").toString());
      command.addAll(options(generated));
      command.addAll(List.of("-processor", benchmark.processor.type().getName()));
      benchmark.sourceFiles.forEach(file -> command.add(file.toString()));
      Process javac = new ProcessBuilder(command).redirectErrorStream(true).start();
      String log = new String(javac.getInputStream().readAllBytes());
      if (javac.waitFor() != 0) {
        throw new IllegalStateException("the corpus did not compile:\n" + log);
      }
      List<Path> all = new ArrayList<>(benchmark.sourceFiles);
      List<Path> interfaces;
      try (Stream<Path> walk = Files.walk(generated)) {
        interfaces = walk
            .filter(p -> p.getFileName().toString().matches("Scoped\\w+(?<!Impl)\\.java"))
            .sorted()
            .toList();
      }
      for (Path source : interfaces) {
        String text = Files.readString(source);
        String stripped = IMPL_CONSTRUCTION.matcher(text).replaceAll("null");
        if (stripped.equals(text)) {
          throw new IllegalStateException(source + " constructs no Scoped*Impl: update ApiSources");
        }
        all.add(Files.writeString(api.resolve(source.getFileName()), stripped));
      }
      if (interfaces.size() != benchmark.methods / Corpus.METHODS_PER_INTERFACE) {
        throw new IllegalStateException(interfaces.size() + " Scoped* interfaces generated");
      }
      files = List.copyOf(all);
    }
  }

  @Setup(Level.Invocation)
  public void freshOutput() throws IOException {
    output = Files.createTempDirectory("gogoscope-bench-classes");
  }

  @TearDown(Level.Invocation)
  public void dropOutput() {
    delete(output);
  }

  @TearDown(Level.Trial)
  public void dropCorpus() {
    delete(sources);
  }

  @Benchmark
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  @Fork(10)
  public int gogoscope_compileCold() {
    return compile(true, sourceFiles);
  }

  @Benchmark
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  @Fork(10)
  public int javac_compileCold() {
    return compile(false, sourceFiles);
  }

  @Benchmark
  @Warmup(iterations = 10)
  @Measurement(iterations = 10)
  @Fork(3)
  public int gogoscope_compileWarm() {
    return compile(true, sourceFiles);
  }

  @Benchmark
  @Warmup(iterations = 10)
  @Measurement(iterations = 10)
  @Fork(3)
  public int javac_compileWarm() {
    return compile(false, sourceFiles);
  }

  @Benchmark
  @Warmup(iterations = 10)
  @Measurement(iterations = 10)
  @Fork(3)
  public int generated_compileWarm(GeneratedSources generated) {
    return compile(false, generated.files);
  }

  @Benchmark
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  @Fork(10)
  public int api_compileCold(ApiSources api) {
    return compile(false, api.files);
  }

  @Benchmark
  @Warmup(iterations = 10)
  @Measurement(iterations = 10)
  @Fork(3)
  public int api_compileWarm(ApiSources api) {
    return compile(false, api.files);
  }

  /**
   * Compiles {@code files} (the corpus, or the corpus and its generated sources); returns the number
   * of class files written (and checks it).
   */
  int compile(boolean withProcessor, List<Path> files) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, null)) {
      List<String> options = new ArrayList<>(options(output));
      if (!withProcessor) {
        options.add("-proc:none");
      }
      Iterable<? extends JavaFileObject> units = fileManager.getJavaFileObjectsFromPaths(files);
      JavaCompiler.CompilationTask task = javac.getTask(diagnostics, fileManager, null, options, null, units);
      if (withProcessor) {
        task.setProcessors(List.of(processor.get())); // a processor instance runs once
      }
      if (!task.call()) {
        throw new IllegalStateException("the corpus did not compile:\n" + diagnostics);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int classes = countClassFiles(output);
    int interfaces = methods / Corpus.METHODS_PER_INTERFACE;
    // With the processor (or its output, or only its public API), every ServiceN gains a
    // ScopedServiceN and its nested unions and variants: far more than two class files each.
    boolean generates = withProcessor || files.size() > sourceFiles.size();
    if (generates ? classes < 2 * interfaces : classes != interfaces + 1) {
      throw new IllegalStateException(
          classes + " class files for " + interfaces + " interfaces "
              + (generates ? "with" : "without") + " the processor: it did not run as expected");
    }
    return classes;
  }

  /** The javac options of every compilation here: classes and generated sources into {@code out}. */
  private static List<String> options(Path out) {
    return List.of(
        "--release", "21",
        "-d", out.toString(),
        "-s", out.toString(),
        "-cp", System.getProperty("java.class.path"),
        "-implicit:none",
        "-nowarn");
  }

  private static ServiceLoader.Provider<Processor> findProcessor() {
    return ServiceLoader.load(Processor.class).stream()
        .filter(provider -> provider.type().getName().startsWith("io.gogoscope.processor."))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(
        "the gogoscope processor is not on the benchmark's class path (no io.gogoscope.processor "
            + "entry in META-INF/services/javax.annotation.processing.Processor); build bench with "
            + "-am so the processor module is packaged"));
  }

  private static int countClassFiles(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return (int) walk.filter(p -> p.toString().endsWith(".class")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dir, e);
    }
  }
}
