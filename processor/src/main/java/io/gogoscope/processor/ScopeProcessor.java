package io.gogoscope.processor;

import com.google.auto.common.GeneratedAnnotations;
import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import io.gogoscope.processor.model.AnnotationNames;
import io.gogoscope.processor.model.InterfaceModel;
import io.gogoscope.processor.model.ModelReader;
import io.gogoscope.processor.model.Position;
import io.gogoscope.processor.validation.Problem;
import io.gogoscope.processor.validation.Reporter;
import io.gogoscope.processor.validation.Validator;
import io.gogoscope.processor.writing.Columns;
import io.gogoscope.processor.writing.IndexWriter;
import io.gogoscope.processor.writing.ScopedIndexWriter;
import io.gogoscope.processor.writing.ScopedWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * gogoscope's annotation processor: for each interface that carries {@code @ScopeTask} (on itself
 * or a method) it writes {@code Scoped<Name>} and its implementation beside it.
 *
 * <p>Each annotated type goes through three steps: {@link ModelReader} reads it into plain records,
 * {@link Validator} reports every misuse (and keeps going, so one compile shows them all), and
 * {@link ScopedWriter} writes the files for types that passed. A type whose signature mentions a
 * type that does not exist yet (another processor may generate it) waits for the next round; at
 * the last round it is reported. An exception inside the processor is reported as a positioned
 * internal error instead of stopping the compile. The processor never claims the annotations
 * ({@link #process} returns {@code false}), so other processors can read them too.
 */
@AutoService(Processor.class)
public final class ScopeProcessor extends AbstractProcessor {
  private final Consumer<TypeElement> beforeEachType;
  /** Canonical names of types waiting for a later round, sorted for a deterministic order. */
  private final Set<String> deferred = new TreeSet<>();
  private final Set<String> done = new HashSet<>();

  private Elements elements;
  private Reporter reporter;
  private ModelReader reader;
  private Validator validator;
  private ScopedWriter writer;
  private final IndexWriter index = new IndexWriter();
  private final ScopedIndexWriter scopedIndex = new ScopedIndexWriter();

  /** The processor as javac's service loader creates it. */
  public ScopeProcessor() {
    this(type -> {});
  }

  /**
   * A processor that runs {@code beforeEachType} on each annotated type before reading it: a seam
   * for tests to inject a failure and check that it becomes a positioned internal error.
   */
  ScopeProcessor(Consumer<TypeElement> beforeEachType) {
    this.beforeEachType = beforeEachType;
  }

  @Override
  public synchronized void init(ProcessingEnvironment environment) {
    super.init(environment);
    elements = environment.getElementUtils();
    reporter = new Reporter(environment.getMessager());
    reader = new ModelReader(environment.getTypeUtils(), elements);
    validator = new Validator(reporter, environment.getTypeUtils(), elements);
    Optional<ClassName> generated = GeneratedAnnotations
        .generatedAnnotation(elements, environment.getSourceVersion())
        .map(ClassName::get);
    writer = new ScopedWriter(environment.getTypeUtils(), generated);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return new LinkedHashSet<>(AnnotationNames.ALL);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Map<String, TypeElement> owners = new TreeMap<>();
    for (String name : deferred) {
      TypeElement type = elements.getTypeElement(name);
      if (type != null) {
        owners.put(key(type), type);
      }
    }
    deferred.clear();
    // annotations holds the supported annotation types present in this round: one scan for all of
    // them, and none in a round that has none (such as the one that compiles the generated files).
    if (!annotations.isEmpty()) {
      for (Element annotated : round.getElementsAnnotatedWithAny(annotations.toArray(TypeElement[]::new))) {
        ownerOf(annotated).ifPresent(owner -> owners.put(key(owner), owner));
      }
    }
    for (TypeElement owner : owners.values()) {
      if (!done.contains(key(owner))) {
        process(owner, round.processingOver());
      }
    }
    return false;
  }

  private void process(TypeElement owner, boolean lastRound) {
    reporter.processing(owner);
    try {
      beforeEachType.accept(owner);
      InterfaceModel model = reader.read(owner);
      boolean canWait = !owner.getQualifiedName().isEmpty();
      if (!model.unresolved().isEmpty() && !lastRound && canWait) {
        deferred.add(owner.getQualifiedName().toString());
        return;
      }
      done.add(key(owner));
      if (validator.validate(model)) {
        write(model);
      }
    } catch (RuntimeException | AssertionError | StackOverflowError bug) {
      done.add(key(owner));
      StackTraceElement[] trace = bug.getStackTrace();
      String where = trace.length == 0 ? "" : " at " + trace[0];
      reporter.error(Problem.INTERNAL, Position.of(owner), owner.getQualifiedName(), bug + where,
          "Scoped" + owner.getSimpleName());
    }
  }

  private void write(InterfaceModel model) {
    writeIndex(model);
    for (JavaFile file : writer.write(model)) {
      String name = file.packageName().isEmpty()
          ? file.typeSpec().name()
          : file.packageName() + "." + file.typeSpec().name();
      try {
        // Rendered whole, then written at once: JavaFile.writeTo(Filer) hands the Filer's writer
        // thousands of small pieces, each encoded and flushed through its own synchronized call.
        String text = Columns.wrap(file.toString());
        JavaFileObject source = processingEnv.getFiler()
            .createSourceFile(name, file.typeSpec().originatingElements().toArray(Element[]::new));
        try (Writer out = source.openWriter()) {
          out.write(text);
        }
      } catch (IOException e) {
        reporter.error(Problem.FILE, Position.of(model.element()), name, e.getMessage());
      }
    }
  }

  /**
   * The index resources of {@code model}: the task index, which the runtime checks configuration
   * against, and the Scoped index, through which the Spring Boot starter finds the interface.
   */
  private void writeIndex(InterfaceModel model) {
    String binaryName = key(model.element());
    writeResource(model, IndexWriter.path(binaryName), index.write(model, binaryName));
    writeResource(model, ScopedIndexWriter.path(binaryName), scopedIndex.write(model, binaryName));
  }

  private void writeResource(InterfaceModel model, String path, String content) {
    try {
      FileObject resource = processingEnv.getFiler()
          .createResource(StandardLocation.CLASS_OUTPUT, "", path, model.element());
      try (Writer out = resource.openWriter()) {
        out.write(content);
      }
    } catch (IOException e) {
      reporter.error(Problem.FILE, Position.of(model.element()), path, e.getMessage());
    }
  }

  /** The type an annotated element belongs to: itself, its method's type, or its own type. */
  private static Optional<TypeElement> ownerOf(Element annotated) {
    for (Element element = annotated; element != null; element = element.getEnclosingElement()) {
      if (element instanceof TypeElement type) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** A unique, stable key: the binary name ({@code Outer$1Local} for a local type). */
  private String key(TypeElement type) {
    return elements.getBinaryName(type).toString();
  }
}
