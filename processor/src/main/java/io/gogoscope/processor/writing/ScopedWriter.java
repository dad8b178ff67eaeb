package io.gogoscope.processor.writing;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import io.gogoscope.processor.model.InterfaceModel;
import java.util.List;
import java.util.Optional;
import javax.lang.model.util.Types;

/**
 * Writes the two files generated for a validated interface: {@code Scoped<Name>} and its
 * package-private implementation. Output depends on the model alone (no timestamps, no hash
 * order), so the same input gives byte-identical files.
 */
public final class ScopedWriter {
  /** The value of {@code @Generated} on every generated type. */
  public static final String GENERATOR = "io.gogoscope.processor.ScopeProcessor";

  private final Types types;
  private final Optional<AnnotationSpec> generated;

  /**
   * @param generatedAnnotation {@code javax.annotation.processing.Generated} when the compile can
   *     see it (it cannot in a module that does not read java.compiler), else empty
   */
  public ScopedWriter(Types types, Optional<ClassName> generatedAnnotation) {
    this.types = types;
    this.generated = generatedAnnotation.map(annotation ->
        AnnotationSpec.builder(annotation).addMember("value", "$S", GENERATOR).build());
  }

  /** The files for {@code model}, which must have passed validation. */
  public List<JavaFile> write(InterfaceModel model) {
    GeneratedNames names = new GeneratedNames(model);
    Docs docs = new Docs(model, types);
    TypeSpec scoped = new ScopedInterfaceWriter(model, names, docs, generated).write();
    TypeSpec implementation = new ImplementationWriter(model, names, docs, generated).write();
    return List.of(file(model, scoped), file(model, implementation));
  }

  private static JavaFile file(InterfaceModel model, TypeSpec type) {
    return JavaFile.builder(model.packageName(), type).skipJavaLangImports(true).indent("  ").build();
  }
}
