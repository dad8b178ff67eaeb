package io.gogoscope.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.gogoscope.processor.model.ErrorVariant;
import io.gogoscope.processor.model.ServiceUnion;
import io.gogoscope.processor.model.TaskModel;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Writes the error unions of an interface's tasks and the interface-wide union that holds their
 * records.
 *
 * <p>A task's union ({@code FetchUserError}) is a sealed interface with no body; it extends the
 * interface-wide union ({@code UserServiceError extends ScopeError}), in which each variant record
 * is written once and implements every task union that has that variant, plus its
 * {@code ScopeError} marker. The task union's {@code permits} clause is implied (its records are
 * in the same file) and lists exactly its own variants, so a {@code switch} over it covers those;
 * {@code FetchUserError.TimedOut} names the shared record, a member type the task union inherits.
 * Task unions extend the interface-wide union alone, not {@code ScopeError} too: the records hide
 * {@code ScopeError}'s markers of the same names only there, and a second path to the markers
 * would make {@code FetchUserError.TimedOut} ambiguous.
 */
final class UnionWriter {
  private final Docs docs;

  UnionWriter(Docs docs) {
    this.docs = docs;
  }

  /** {@code sealed interface FetchUserError extends UserServiceError {}}. */
  TypeSpec task(TaskModel task, ClassName union, ClassName serviceUnion) {
    return TypeSpec.interfaceBuilder(union)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.SEALED)
        .addSuperinterface(serviceUnion)
        .addJavadoc("How $L can fail: each variant is one way, and a {@code switch} over them must cover all.\n",
            docs.link(task.method()))
        .build();
  }

  /**
   * {@code sealed interface UserServiceError extends ScopeError}, holding each variant record once;
   * {@code unions} maps each task union's name to its class.
   */
  TypeSpec service(ServiceUnion service, ClassName serviceUnion, List<TaskUnion> unions, ClassName element) {
    TypeSpec.Builder spec = TypeSpec.interfaceBuilder(serviceUnion)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.SEALED)
        .addSuperinterface(RuntimeNames.SCOPE_ERROR)
        .addJavadoc("How a task of {@link $T} can fail: the union of the tasks' error unions. Each variant is\n"
            + "written once here and implements the unions of the tasks that can fail that way.\n", element);
    for (ErrorVariant variant : service.variants()) {
      spec.addType(variant(serviceUnion, variant, unions));
    }
    return spec.build();
  }

  /**
   * A task's union and its variants' names.
   *
   * @param name the union's class
   * @param variants the names of its variants
   */
  record TaskUnion(ClassName name, Set<String> variants) {}

  private static TypeSpec variant(ClassName serviceUnion, ErrorVariant variant, List<TaskUnion> unions) {
    Component component = component(variant);
    TypeSpec.Builder record = TypeSpec.recordBuilder(serviceUnion.nestedClass(variant.name()))
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .recordConstructor(MethodSpec.constructorBuilder().addParameter(component.type(), component.name()).build())
        .addJavadoc(javadoc(variant, component));
    unions.stream()
        .filter(union -> union.variants().contains(variant.name()))
        .forEach(union -> record.addSuperinterface(union.name()));
    return record.addSuperinterface(RuntimeNames.SCOPE_ERROR.nestedClass(variant.kind().marker())).build();
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
