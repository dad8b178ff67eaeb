package io.gogoscope.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import io.gogoscope.processor.model.KeyTemplate;
import io.gogoscope.processor.model.MethodModel;
import io.gogoscope.processor.model.Names;
import io.gogoscope.processor.model.ParameterModel;
import io.gogoscope.processor.model.TaskModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Writes the bodies of generated methods: one statement each, handing the delegate call to the
 * task's guard. The delegate call is wrapped in a lambda once per task, by a private method that
 * both the call and the fork use (one lambda for javac to compile instead of two; the method is
 * small enough to inline, so the success path still allocates nothing). A task with keys or span
 * attributes has them built once, by a private method that both the call and the fork use: keys
 * by string concatenation from the parameters and their accessors (each value encoded by
 * {@code KeyValues}, each accessor called once), span attributes by a lambda that runs only when
 * the call is observed.
 */
final class CallWriter {

  /** {@code return fetchUserGuard.call(fetchUserBody(id), FETCH_USER_ERRORS);} */
  CodeBlock sync(TaskModel task, Optional<MethodSpec> context, MethodSpec body) {
    return guardCall(task, "call", List.of(), context, body);
  }

  /** {@code return fetchUserGuard.fork(scope, fetchUserBody(id), FETCH_USER_ERRORS);} */
  CodeBlock fork(TaskModel task, Optional<MethodSpec> context, MethodSpec body) {
    CodeBlock scope = CodeBlock.of("$N", Signatures.scopeParameter(task.method()));
    return guardCall(task, "fork", List.of(scope), context, body);
  }

  /**
   * {@code private Callable<User> fetchUserBody(String id)}, returning
   * {@code () -> delegate.fetchUser(id)}.
   *
   * @param name the method's name, which no other member of the implementation has
   * @param link the Javadoc link to the annotated method
   */
  MethodSpec body(TaskModel task, String name, CodeBlock link) {
    return Signatures.body(task, name)
        .addJavadoc("The call of $L that the guard runs.\n", link)
        .addCode("return $L;\n", lambda(task.method()))
        .build();
  }

  /** {@code return delegate.describe(x);} */
  CodeBlock delegated(MethodModel method) {
    CodeBlock call = delegateCall(method);
    return method.returnType().getKind() == TypeKind.VOID
        ? CodeBlock.builder().addStatement("$L", call).build()
        : CodeBlock.builder().addStatement("return $L", call).build();
  }

  private CodeBlock guardCall(TaskModel task, String operation, List<CodeBlock> leading,
      Optional<MethodSpec> context, MethodSpec body) {
    MethodModel method = task.method();
    List<CodeBlock> arguments = new ArrayList<>(leading);
    context.ifPresent(spec -> arguments.add(invocation(spec)));
    arguments.add(invocation(body));
    arguments.add(CodeBlock.of("$N", GeneratedNames.mapperConstant(task)));
    String guard = GeneratedNames.field(GeneratedNames.guardField(task), method);
    return CodeBlock.builder()
        .add("return $L.$L($L);\n", guard, operation, CodeBlock.join(arguments, ",$W"))
        .build();
  }

  /** {@code fetchUserContext(id)}: {@code spec} called with the parameters of its own names. */
  private static CodeBlock invocation(MethodSpec spec) {
    CodeBlock arguments = spec.parameters().stream()
        .map(parameter -> CodeBlock.of("$N", parameter))
        .collect(CodeBlock.joining(", "));
    return CodeBlock.of("$N($L)", spec, arguments);
  }

  /** {@code () -> delegate.fetchUser(id)}; a void method's lambda returns {@code null}. */
  private static CodeBlock lambda(MethodModel method) {
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

  /**
   * {@code private static CallContext placeOrderContext(String userId, String orderId)}, when the
   * task has a lock key, a rate-limit key or span attributes: the one place its {@code CallContext}
   * is written. It takes the parameters the keys and attributes use, and is an instance method only
   * when the interface is generic (so that the parameters may use its type variables).
   *
   * @param name the method's name, which no other member of the implementation has
   * @param generic whether the implementation has type variables
   * @param link the Javadoc link to the annotated method
   */
  Optional<MethodSpec> context(TaskModel task, String name, boolean generic, CodeBlock link) {
    MethodModel method = task.method();
    Optional<KeyTemplate> lockKey = method.lock().map(lock -> lock.key()).filter(key -> !key.isEmpty());
    Optional<KeyTemplate> rateLimitKey = method.rateLimit().map(limit -> limit.key()).filter(key -> !key.isEmpty());
    List<ParameterModel> attributed = method.parameters().stream().filter(p -> p.spanAttribute().isPresent()).toList();
    if (lockKey.isEmpty() && rateLimitKey.isEmpty() && attributed.isEmpty()) {
      return Optional.empty();
    }
    Set<String> used = new HashSet<>();
    lockKey.ifPresent(key -> used.addAll(referenced(key)));
    rateLimitKey.ifPresent(key -> used.addAll(referenced(key)));
    attributed.forEach(parameter -> used.add(parameter.name()));
    List<ParameterModel> parameters = method.parameters().stream().filter(p -> used.contains(p.name())).toList();

    MethodSpec.Builder spec = MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PRIVATE)
        .returns(RuntimeNames.CALL_CONTEXT)
        .addJavadoc("The keys and span attributes of a call of $L.\n", link);
    if (!generic) {
      spec.addModifiers(Modifier.STATIC);
    }
    typeVariables(method, parameters).forEach(variable -> spec.addTypeVariable(TypeVariableName.get(variable)));
    parameters.forEach(parameter -> spec.addParameter(TypeName.get(parameter.type()), parameter.name()));

    Locals locals = new Locals(method);
    CodeBlock.Builder body = CodeBlock.builder();
    boolean sameKey = lockKey.isPresent() && rateLimitKey.isPresent()
        && lockKey.get().text().value().equals(rateLimitKey.get().text().value());
    Optional<String> lockName;
    Optional<String> rateLimitName;
    if (sameKey) {
      lockName = Optional.of(declareKey("key", lockKey.get(), locals, body));
      rateLimitName = lockName;
    } else {
      lockName = lockKey.map(key -> declareKey("lockKey", key, locals, body));
      rateLimitName = rateLimitKey.map(key -> declareKey("rateLimitKey", key, locals, body));
    }
    Optional<CodeBlock> attributes = attributes(attributed, locals);
    List<CodeBlock> arguments = new ArrayList<>();
    lockName.ifPresent(key -> arguments.add(CodeBlock.of("$N", key)));
    rateLimitName.ifPresent(key -> arguments.add(CodeBlock.of("$N", key)));
    if (lockName.isPresent() && rateLimitName.isPresent()) {
      arguments.add(attributes.orElse(CodeBlock.of("$T.NONE", RuntimeNames.TASK_ATTRIBUTES)));
      body.add("return new $T($L);\n", RuntimeNames.CALL_CONTEXT, CodeBlock.join(arguments, ",$W"));
    } else {
      attributes.ifPresent(arguments::add);
      String factory = lockName.isPresent() ? "ofLock" : rateLimitName.isPresent() ? "ofRateLimit" : "ofAttributes";
      body.add("return $T.$L($L);\n", RuntimeNames.CALL_CONTEXT, factory, CodeBlock.join(arguments, ",$W"));
    }
    return Optional.of(spec.addCode(body.build()).build());
  }

  /** Declares {@code String <preferred> = <key>;} in {@code body}; returns the local's name. */
  private static String declareKey(
      String preferred, KeyTemplate key, Locals locals, CodeBlock.Builder body) {
    String name = locals.fresh(preferred);
    body.addStatement("$T $N = $L", String.class, name, key(key, locals, body));
    return name;
  }

  /**
   * The method's type variables that {@code parameters}' types use, with those their bounds use:
   * a context method declares only the type variables it needs.
   */
  private static List<TypeVariable> typeVariables(MethodModel method, List<ParameterModel> parameters) {
    Set<String> used = new HashSet<>();
    parameters.forEach(parameter -> mentioned(parameter.type(), used));
    boolean grew = true;
    while (grew) {
      int before = used.size();
      for (TypeVariable variable : method.typeVariables()) {
        if (used.contains(variable.asElement().getSimpleName().toString())) {
          mentioned(variable.getUpperBound(), used);
        }
      }
      grew = used.size() > before;
    }
    return method.typeVariables().stream()
        .filter(variable -> used.contains(variable.asElement().getSimpleName().toString()))
        .toList();
  }

  /** Adds the names of the type variables {@code type} mentions to {@code names}. */
  private static void mentioned(TypeMirror type, Set<String> names) {
    switch (type.getKind()) {
      case TYPEVAR -> {
        if (names.add(((TypeVariable) type).asElement().getSimpleName().toString())) {
          mentioned(((TypeVariable) type).getUpperBound(), names);
        }
      }
      case DECLARED -> ((DeclaredType) type).getTypeArguments().forEach(argument -> mentioned(argument, names));
      case ARRAY -> mentioned(((ArrayType) type).getComponentType(), names);
      case WILDCARD -> {
        WildcardType wildcard = (WildcardType) type;
        if (wildcard.getExtendsBound() != null) {
          mentioned(wildcard.getExtendsBound(), names);
        }
        if (wildcard.getSuperBound() != null) {
          mentioned(wildcard.getSuperBound(), names);
        }
      }
      case INTERSECTION -> ((IntersectionType) type).getBounds().forEach(bound -> mentioned(bound, names));
      default -> {}
    }
  }

  /** The parameters a key's references start from. */
  private static Set<String> referenced(KeyTemplate key) {
    Set<String> names = new HashSet<>();
    for (KeyTemplate.Part part : key.parts()) {
      if (part instanceof KeyTemplate.Reference reference) {
        names.add(reference.parameter());
      }
    }
    return names;
  }

  /**
   * The names of a context method's locals: none a parameter's, and one local per property path
   * prefix ({@code order.customer}), shared by every reference of both keys that goes through it.
   */
  private static final class Locals {
    private final Set<String> taken = new HashSet<>();
    private final Map<String, String> paths = new HashMap<>();

    Locals(MethodModel method) {
      method.parameters().forEach(parameter -> taken.add(parameter.name()));
    }

    String fresh(String preferred) {
      String name = preferred;
      for (int i = 2; taken.contains(name); i++) {
        name = preferred + i;
      }
      taken.add(name);
      return name;
    }
  }

  /**
   * {@code "order:" + KeyValues.of(orderId)}: each substituted value is encoded by the runtime's
   * {@code KeyValues}, so that distinct arguments give distinct keys ({@code null} reads as
   * {@code %null}, a {@code ':'} in a value as {@code %3A}). A primitive other than {@code char} is
   * concatenated as it is: it is never null and its text holds no separator. A {@code null} anywhere
   * along a property path reads as {@code null} does; each step of a path is a local (declared in
   * {@code body} before the key), so no accessor is called twice.
   */
  private static CodeBlock key(KeyTemplate key, Locals locals, CodeBlock.Builder body) {
    List<CodeBlock> parts = new ArrayList<>();
    for (KeyTemplate.Part part : key.parts()) {
      switch (part) {
        case KeyTemplate.Literal literal -> parts.add(CodeBlock.of("$S", literal.text()));
        case KeyTemplate.Reference reference -> parts.add(reference(reference, parts.isEmpty(), locals, body));
      }
    }
    return CodeBlock.join(parts, "$W+ ");
  }

  private static CodeBlock reference(KeyTemplate.Reference reference, boolean first, Locals locals, CodeBlock.Builder body) {
    if (reference.accessors().isEmpty()) {
      TypeKind kind = reference.parameterType().getKind();
      if (kind.isPrimitive() && kind != TypeKind.CHAR) {
        return first
            ? CodeBlock.of("$T.valueOf($N)", String.class, reference.parameter())
            : CodeBlock.of("$N", reference.parameter());
      }
      return CodeBlock.of("$T.of($N)", RuntimeNames.KEY_VALUES, reference.parameter());
    }
    String owner = reference.parameter();
    String path = reference.parameter();
    List<KeyTemplate.Accessor> accessors = reference.accessors();
    for (KeyTemplate.Accessor accessor : accessors.subList(0, accessors.size() - 1)) {
      path = path + "." + accessor.method();
      String local = locals.paths.get(path);
      if (local == null) {
        local = locals.fresh(accessor.property());
        locals.paths.put(path, local);
        body.addStatement("$L $N = $N == null ? null : $N.$N()", localType(accessor.type()), local, owner, owner, accessor.method());
      }
      owner = local;
    }
    return CodeBlock.of("$T.of($N == null ? null : $N.$N())",
        RuntimeNames.KEY_VALUES, owner, owner, accessors.get(accessors.size() - 1).method());
  }

  /** The type of a path step's local: written out when it is a plain class, else {@code var}. */
  private static CodeBlock localType(TypeMirror type) {
    if (type.getKind() == TypeKind.DECLARED && ((DeclaredType) type).getTypeArguments().isEmpty()) {
      return CodeBlock.of("$T", TypeName.get(type));
    }
    return CodeBlock.of("var");
  }

  /** {@code sink -> sink.accept("user.id", id)}, numbers widened to long or double. */
  private static Optional<CodeBlock> attributes(List<ParameterModel> attributed, Locals locals) {
    if (attributed.isEmpty()) {
      return Optional.empty();
    }
    String sink = locals.fresh("sink");
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
