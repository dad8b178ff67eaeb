package io.gogoscope.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.gogoscope.processor.model.ErrorVariant;
import io.gogoscope.processor.model.TaskModel;
import javax.lang.model.element.Modifier;

/**
 * Writes a task's sealed error union: a sealed interface extending {@code ScopeError}, and one
 * record per variant implementing the union and its {@code ScopeError} marker. The records are
 * nested in the union, so its {@code permits} clause is implied.
 */
final class UnionWriter {
  private final Docs docs;

  UnionWriter(Docs docs) {
    this.docs = docs;
  }

  TypeSpec write(TaskModel task, ClassName union) {
    TypeSpec.Builder spec = TypeSpec.interfaceBuilder(union)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.SEALED)
        .addSuperinterface(RuntimeNames.SCOPE_ERROR)
        .addJavadoc("How $L can fail: each variant is one way, and a {@code switch} over them must cover all.\n",
            docs.link(task.method()));
    for (ErrorVariant variant : task.union().variants()) {
      spec.addType(variant(union, variant));
    }
    return spec.build();
  }

  private static TypeSpec variant(ClassName union, ErrorVariant variant) {
    Component component = component(variant);
    return TypeSpec.recordBuilder(union.nestedClass(variant.name()))
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .recordConstructor(MethodSpec.constructorBuilder().addParameter(component.type(), component.name()).build())
        .addSuperinterface(union)
        .addSuperinterface(RuntimeNames.SCOPE_ERROR.nestedClass(variant.kind().marker()))
        .addJavadoc(javadoc(variant, component))
        .build();
  }

  private record Component(TypeName type, String name, String doc) {}

  private static Component component(ErrorVariant variant) {
    return switch (variant.kind()) {
      case DECLARED -> new Component(TypeName.get(variant.exception().orElseThrow()), "cause", "the exception");
      case TIMED_OUT -> new Component(RuntimeNames.DURATION, "after", "the timeout that expired");
      case LOCK_UNAVAILABLE -> new Component(ClassName.get(String.class), "key", "the lock's key");
      case RATE_LIMITED -> new Component(RuntimeNames.DURATION, "retryAfter", "how long until a call could be admitted");
      case CIRCUIT_OPEN -> new Component(ClassName.get(String.class), "name", "the circuit breaker's name");
      case BULKHEAD_FULL -> new Component(TypeName.INT, "limit", "how many attempts may run at once");
      case CANCELLED -> new Component(ClassName.OBJECT, "reason", "why it was cancelled");
      case UNEXPECTED -> new Component(ClassName.get(RuntimeException.class), "cause",
          "the exception (an undeclared checked one wrapped in an {@link java.lang.reflect.UndeclaredThrowableException})");
    };
  }

  private static CodeBlock javadoc(ErrorVariant variant, Component component) {
    CodeBlock what = switch (variant.kind()) {
      case DECLARED -> CodeBlock.of("The call threw {@link $T}.", TypeName.get(variant.exception().orElseThrow()));
      case TIMED_OUT -> CodeBlock.of("The call ran past its timeout and was stopped.");
      case LOCK_UNAVAILABLE -> CodeBlock.of("The lock was held elsewhere; the call was not made.");
      case RATE_LIMITED -> CodeBlock.of("The rate limit was used up; the call was not made.");
      case CIRCUIT_OPEN -> CodeBlock.of("The circuit breaker was open; the call was not made.");
      case BULKHEAD_FULL -> CodeBlock.of("Every slot of the bulkhead stayed taken; the attempt was not made.");
      case CANCELLED -> CodeBlock.of("The call was cancelled: its scope was cancelled or closed.");
      case UNEXPECTED -> CodeBlock.of("The call threw an exception it does not declare.");
    };
    return CodeBlock.builder().add("$L\n\n@param $L $L\n", what, component.name(), component.doc()).build();
  }
}
