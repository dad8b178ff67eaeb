package io.gogoscope.processor.writing;

import com.palantir.javapoet.CodeBlock;
import io.gogoscope.processor.model.KeyTemplate;
import io.gogoscope.processor.model.MethodModel;
import io.gogoscope.processor.model.ParameterModel;
import io.gogoscope.processor.model.TaskModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.type.TypeKind;

/**
 * Writes the bodies of generated methods: one statement each, handing the delegate call to the
 * task's guard. Keys are built by string concatenation from the parameters and their accessors
 * (each value encoded by {@code KeyValues}), span attributes by a lambda that runs only when the
 * call is observed.
 */
final class CallWriter {
  /** Arguments shorter than this (as text) fit on the line of {@code new CallContext(...)}. */
  private static final int SHORT_ARGUMENTS = 90;

  /** {@code return fetchUserGuard.call(() -> delegate.fetchUser(id), FETCH_USER_ERRORS);} */
  CodeBlock sync(TaskModel task) {
    return guardCall(task, "call", List.of());
  }

  /** {@code return fetchUserGuard.fork(scope, () -> delegate.fetchUser(id), FETCH_USER_ERRORS);} */
  CodeBlock fork(TaskModel task) {
    return guardCall(task, "fork", List.of(CodeBlock.of("$N", Signatures.scopeParameter(task.method()))));
  }

  /** {@code return delegate.describe(x);} */
  CodeBlock delegated(MethodModel method) {
    CodeBlock call = delegateCall(method);
    return method.returnType().getKind() == TypeKind.VOID
        ? CodeBlock.builder().addStatement("$L", call).build()
        : CodeBlock.builder().addStatement("return $L", call).build();
  }

  private CodeBlock guardCall(TaskModel task, String operation, List<CodeBlock> leading) {
    MethodModel method = task.method();
    List<CodeBlock> arguments = new ArrayList<>(leading);
    Optional<CodeBlock> context = context(task);
    context.ifPresent(arguments::add);
    arguments.add(body(method));
    arguments.add(CodeBlock.of("$N", GeneratedNames.mapperConstant(task)));
    String guard = GeneratedNames.field(GeneratedNames.guardField(task), method);
    if (context.isPresent()) {
      CodeBlock.Builder code = CodeBlock.builder().add("return $L.$L(", guard, operation).indent().indent();
      for (int i = 0; i < arguments.size(); i++) {
        code.add("\n$L$L", arguments.get(i), i < arguments.size() - 1 ? "," : ");\n");
      }
      return code.unindent().unindent().build();
    }
    return CodeBlock.builder()
        .add("return $L.$L($L);\n", guard, operation, CodeBlock.join(arguments, ", "))
        .build();
  }

  /** {@code () -> delegate.fetchUser(id)}; a void method's lambda returns {@code null}. */
  private static CodeBlock body(MethodModel method) {
    CodeBlock call = delegateCall(method);
    if (method.returnType().getKind() == TypeKind.VOID) {
      return CodeBlock.builder()
          .add("() -> {\n").indent()
          .addStatement("$L", call)
          .addStatement("return null")
          .unindent().add("}")
          .build();
    }
    return CodeBlock.of("() -> $L", call);
  }

  private static CodeBlock delegateCall(MethodModel method) {
    String arguments = method.parameters().stream().map(ParameterModel::name).collect(Collectors.joining(", "));
    return CodeBlock.of("$L.$N($L)", GeneratedNames.field("delegate", method), method.name(), arguments);
  }

  /** {@code new CallContext(lockKey, rateLimitKey, attributes)}, when the task has any of them. */
  private static Optional<CodeBlock> context(TaskModel task) {
    MethodModel method = task.method();
    Optional<CodeBlock> lockKey = method.lock().map(lock -> lock.key()).filter(key -> !key.isEmpty()).map(CallWriter::key);
    Optional<CodeBlock> rateLimitKey =
        method.rateLimit().map(limit -> limit.key()).filter(key -> !key.isEmpty()).map(CallWriter::key);
    Optional<CodeBlock> attributes = attributes(method);
    if (lockKey.isEmpty() && rateLimitKey.isEmpty() && attributes.isEmpty()) {
      return Optional.empty();
    }
    List<CodeBlock> arguments = List.of(
        lockKey.orElse(CodeBlock.of("null")),
        rateLimitKey.orElse(CodeBlock.of("null")),
        attributes.orElse(CodeBlock.of("$T.NONE", RuntimeNames.TASK_ATTRIBUTES)));
    int length = arguments.stream().mapToInt(argument -> argument.toString().length()).sum();
    if (length < SHORT_ARGUMENTS && arguments.stream().noneMatch(argument -> argument.toString().contains("\n"))) {
      return Optional.of(CodeBlock.of("new $T($L)", RuntimeNames.CALL_CONTEXT, CodeBlock.join(arguments, ", ")));
    }
    CodeBlock.Builder context = CodeBlock.builder().add("new $T(", RuntimeNames.CALL_CONTEXT).indent().indent();
    for (int i = 0; i < arguments.size(); i++) {
      context.add("\n$L$L", arguments.get(i), i < arguments.size() - 1 ? "," : ")");
    }
    return Optional.of(context.unindent().unindent().build());
  }

  /**
   * {@code "order:" + KeyValues.of(orderId)}: each substituted value is encoded by the runtime's
   * {@code KeyValues}, so that distinct arguments give distinct keys ({@code null} reads as
   * {@code %null}, a {@code ':'} in a value as {@code %3A}). A primitive other than {@code char} is
   * concatenated as it is: it is never null and its text holds no separator. A {@code null} anywhere
   * along a property path reads as {@code null} does.
   */
  private static CodeBlock key(KeyTemplate key) {
    List<CodeBlock> parts = new ArrayList<>();
    for (KeyTemplate.Part part : key.parts()) {
      switch (part) {
        case KeyTemplate.Literal literal -> parts.add(CodeBlock.of("$S", literal.text()));
        case KeyTemplate.Reference reference -> parts.add(reference(reference, parts.isEmpty()));
      }
    }
    return CodeBlock.join(parts, " + ");
  }

  private static CodeBlock reference(KeyTemplate.Reference reference, boolean first) {
    if (reference.accessors().isEmpty()) {
      TypeKind kind = reference.parameterType().getKind();
      if (kind.isPrimitive() && kind != TypeKind.CHAR) {
        return first
            ? CodeBlock.of("$T.valueOf($N)", String.class, reference.parameter())
            : CodeBlock.of("$N", reference.parameter());
      }
      return CodeBlock.of("$T.of($N)", RuntimeNames.KEY_VALUES, reference.parameter());
    }
    List<String> nullChecks = new ArrayList<>();
    StringBuilder path = new StringBuilder(reference.parameter());
    for (KeyTemplate.Accessor accessor : reference.accessors()) {
      nullChecks.add(path + " == null");
      path.append('.').append(accessor.method()).append("()");
    }
    return CodeBlock.of("$T.of($L ? null : $L)", RuntimeNames.KEY_VALUES, String.join(" || ", nullChecks), path);
  }

  /** {@code sink -> sink.accept("user.id", id)}, numbers widened to long or double. */
  private static Optional<CodeBlock> attributes(MethodModel method) {
    List<ParameterModel> attributed = method.parameters().stream().filter(p -> p.spanAttribute().isPresent()).toList();
    if (attributed.isEmpty()) {
      return Optional.empty();
    }
    String sink = GeneratedNames.fresh("sink", method);
    List<CodeBlock> writes = new ArrayList<>();
    for (ParameterModel parameter : attributed) {
      writes.add(CodeBlock.of("$N.accept($S, $L)", sink, parameter.spanAttribute().get().value(), attributeValue(parameter)));
    }
    if (writes.size() == 1) {
      return Optional.of(CodeBlock.of("$N -> $L", sink, writes.get(0)));
    }
    CodeBlock.Builder lambda = CodeBlock.builder().add("$N -> {\n", sink).indent();
    writes.forEach(write -> lambda.addStatement("$L", write));
    return Optional.of(lambda.unindent().add("}").build());
  }

  private static CodeBlock attributeValue(ParameterModel parameter) {
    return switch (parameter.type().getKind()) {
      case INT, SHORT, BYTE -> CodeBlock.of("(long) $N", parameter.name());
      case FLOAT -> CodeBlock.of("(double) $N", parameter.name());
      case CHAR -> CodeBlock.of("$T.valueOf($N)", String.class, parameter.name());
      default -> CodeBlock.of("$N", parameter.name());
    };
  }
}
