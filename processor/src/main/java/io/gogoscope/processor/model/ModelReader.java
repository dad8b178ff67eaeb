package io.gogoscope.processor.model;

import com.google.auto.common.MoreElements;
import com.google.auto.common.MoreTypes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads a type that carries gogoscope annotations into an {@link InterfaceModel}. It records what
 * is there, misuses included, and derives the generated names; it judges nothing (that is
 * validation's job) and reports nothing.
 */
public final class ModelReader {
  private final Types types;
  private final Elements elements;
  private final KeyTemplates keys;
  private final ErrorUnions unions;
  private final UnresolvedTypes unresolvedTypes = new UnresolvedTypes();
  private final ResultPredicates resultPredicates;
  // Looked up once: a lookup by name searches every module of the compilation.
  private final TypeMirror object;
  private final TypeMirror runtimeException;
  private final TypeMirror exception;
  private final TypeMirror error;

  /** A reader using the compiler's type and element utilities. */
  public ModelReader(Types types, Elements elements) {
    this.types = types;
    this.elements = elements;
    this.keys = new KeyTemplates(types, elements);
    this.unions = new ErrorUnions(types, elements);
    this.resultPredicates = new ResultPredicates(types, elements);
    this.object = elements.getTypeElement("java.lang.Object").asType();
    this.runtimeException = elements.getTypeElement("java.lang.RuntimeException").asType();
    this.exception = elements.getTypeElement("java.lang.Exception").asType();
    this.error = elements.getTypeElement("java.lang.Error").asType();
  }

  /** Reads {@code type} and everything about it that generation or validation needs. */
  public InterfaceModel read(TypeElement type) {
    List<Unresolved> unresolved = new ArrayList<>();
    Optional<ScopeTaskSettings> scopeTask = scopeTask(type, unresolved);
    Optional<BulkheadSettings> bulkhead =
        read(type, AnnotationNames.BULKHEAD, unresolved, ModelReader::bulkheadSettings);
    PackageElement pkg = elements.getPackageOf(type);
    List<TypeElement> enclosing = enclosingTypes(type);
    List<String> path = new ArrayList<>();
    enclosing.forEach(outer -> path.add(outer.getSimpleName().toString()));
    path.add(type.getSimpleName().toString());
    String scopedName = "Scoped" + String.join("_", path);
    boolean generatesPublic = type.getModifiers().contains(Modifier.PUBLIC)
        && enclosing.stream().allMatch(outer -> outer.getModifiers().contains(Modifier.PUBLIC));

    boolean isInterface = type.getKind() == ElementKind.INTERFACE;
    for (TypeMirror superinterface : type.getInterfaces()) {
      unresolvedTypes.find(superinterface).ifPresent(
          missing -> unresolved.add(new Unresolved(Position.of(type), missing)));
    }
    for (TypeParameterElement parameter : type.getTypeParameters()) {
      for (TypeMirror bound : parameter.getBounds()) {
        unresolvedTypes.find(bound).ifPresent(
            missing -> unresolved.add(new Unresolved(Position.of(parameter), missing)));
      }
    }
    List<MethodModel> methods = new ArrayList<>();
    for (ExecutableElement method : methodsOf(type, isInterface)) {
      methods.add(method(type, method, isInterface, pkg, unresolved));
    }
    String displayName = String.join(".", path);
    Tasks tasks = isInterface
        ? tasks(methods, scopeTask, bulkhead, displayName, scopedName, type.getSimpleName().toString())
        : new Tasks(List.of(), Optional.empty());
    return new InterfaceModel(
        type,
        type.getKind(),
        enclosing,
        scopeTask,
        bulkhead,
        pkg.getQualifiedName().toString(),
        displayName,
        scopedName,
        scopedName + "Impl",
        generatesPublic,
        List.copyOf(methods),
        tasks.tasks(),
        tasks.serviceUnion(),
        List.copyOf(unresolved));
  }

  /** Local methods in declaration order, then inherited ones (overridden ones left out). */
  private List<ExecutableElement> methodsOf(TypeElement type, boolean isInterface) {
    Set<ExecutableElement> methods =
        new LinkedHashSet<>(ElementFilter.methodsIn(type.getEnclosedElements()));
    if (isInterface) {
      methods.addAll(MoreElements.getLocalAndInheritedMethods(type, types, elements));
    }
    return List.copyOf(methods);
  }

  private MethodModel method(
      TypeElement owner,
      ExecutableElement method,
      boolean inInterface,
      PackageElement pkg,
      List<Unresolved> unresolved) {
    MethodModel.Kind kind = kindOf(method, inInterface);
    boolean instance = kind == MethodModel.Kind.ABSTRACT || kind == MethodModel.Kind.DEFAULT;
    ExecutableType signature = instance
        ? MoreTypes.asExecutable(types.asMemberOf(MoreTypes.asDeclared(owner.asType()), method))
        : MoreTypes.asExecutable(method.asType());

    List<ParameterModel> parameters = new ArrayList<>();
    for (int i = 0; i < method.getParameters().size(); i++) {
      VariableElement parameter = method.getParameters().get(i);
      TypeMirror type = signature.getParameterTypes().get(i);
      Optional<Setting<String>> spanAttribute = mirror(parameter, AnnotationNames.SPAN_ATTRIBUTE)
          .map(mirror -> new AnnotationReader(parameter, mirror, unresolved).string("value"));
      parameters.add(new ParameterModel(
          parameter, parameter.getSimpleName().toString(), type, spanAttribute));
      if (instance) {
        unresolvedTypes.find(type).ifPresent(
            missing -> unresolved.add(new Unresolved(Position.of(parameter), missing)));
      }
    }
    List<ThrownType> thrown = new ArrayList<>();
    for (TypeMirror type : signature.getThrownTypes()) {
      Optional<String> missing = unresolvedTypes.find(type);
      if (missing.isPresent()) {
        unresolved.add(new Unresolved(Position.of(method), missing.get()));
      } else {
        thrown.add(new ThrownType(type, category(type)));
      }
    }
    if (instance) {
      unresolvedTypes.find(signature.getReturnType()).ifPresent(
          missing -> unresolved.add(new Unresolved(Position.of(method), missing)));
      for (TypeVariable variable : signature.getTypeVariables()) {
        unresolvedTypes.find(variable.getUpperBound()).ifPresent(
            missing -> unresolved.add(new Unresolved(Position.of(method), missing)));
      }
    }

    List<ParameterModel> params = List.copyOf(parameters);
    return new MethodModel(
        method,
        kind,
        method.getSimpleName().toString(),
        List.copyOf(signature.getTypeVariables()),
        signature.getReturnType(),
        params,
        method.isVarArgs(),
        List.copyOf(thrown),
        read(method, AnnotationNames.SCOPE_TASK, unresolved, ModelReader::scopeTaskSettings),
        read(method, AnnotationNames.RETRY, unresolved, this::retrySettings),
        read(method, AnnotationNames.TIMEOUT, unresolved,
            a -> new TimeoutSettings(a.position(), a.string("value"), a.string("overall"))),
        read(method, AnnotationNames.DISTRIBUTED_LOCK, unresolved,
            a -> new LockSettings(a.position(), keys.resolve(a.string("key"), params, pkg),
                a.string("ttl"), a.string("maxWait"), a.string("minHold"))),
        read(method, AnnotationNames.RATE_LIMIT, unresolved,
            a -> new RateLimitSettings(a.position(), keys.resolve(a.string("key"), params, pkg),
                a.integer("limit"), a.string("window"), a.string("maxWait"))),
        read(method, AnnotationNames.CIRCUIT_BREAKER, unresolved, ModelReader::breakerSettings),
        read(method, AnnotationNames.BULKHEAD, unresolved, ModelReader::bulkheadSettings));
  }

  private static ScopeTaskSettings scopeTaskSettings(AnnotationReader a) {
    return new ScopeTaskSettings(a.position(), a.string("name"), a.string("timeout"));
  }

  private RetrySettings retrySettings(AnnotationReader a) {
    return new RetrySettings(
        a.position(),
        a.integer("attempts"),
        a.string("delay"),
        a.string("maxDelay"),
        a.enumConstant("backoff"),
        a.decimal("multiplier"),
        a.decimal("jitter"),
        a.classes("retryOn"),
        a.classes("abortOn"),
        a.classLiteral("retryOnResult").flatMap(resultPredicates::read));
  }

  private static CircuitBreakerSettings breakerSettings(AnnotationReader a) {
    return new CircuitBreakerSettings(
        a.position(),
        a.string("name"),
        a.integer("failureThreshold"),
        a.decimal("failureRatio"),
        a.integer("minimumCalls"),
        a.integer("windowSize"),
        a.string("resetTimeout"),
        a.integer("halfOpenPermits"),
        a.integer("successThreshold"),
        a.bool("shared"),
        a.classes("failOn"),
        a.classes("skipOn"));
  }

  private static BulkheadSettings bulkheadSettings(AnnotationReader a) {
    return new BulkheadSettings(a.position(), a.integer("maxConcurrent"), a.string("maxWait"));
  }

  private Optional<ScopeTaskSettings> scopeTask(TypeElement type, List<Unresolved> unresolved) {
    return read(type, AnnotationNames.SCOPE_TASK, unresolved, ModelReader::scopeTaskSettings);
  }

  private <T> Optional<T> read(
      Element element, String annotation, List<Unresolved> unresolved, Function<AnnotationReader, T> reader) {
    return mirror(element, annotation)
        .map(mirror -> reader.apply(new AnnotationReader(element, mirror, unresolved)));
  }

  private static Optional<AnnotationMirror> mirror(Element element, String annotation) {
    return MoreElements.getAnnotationMirror(element, annotation).toJavaUtil();
  }

  private MethodModel.Kind kindOf(ExecutableElement method, boolean inInterface) {
    Set<Modifier> modifiers = method.getModifiers();
    if (!inInterface) {
      return MethodModel.Kind.NOT_IN_INTERFACE;
    } else if (modifiers.contains(Modifier.STATIC)) {
      return MethodModel.Kind.STATIC;
    } else if (modifiers.contains(Modifier.PRIVATE)) {
      return MethodModel.Kind.PRIVATE;
    } else if (isObjectMethod(method)) {
      return MethodModel.Kind.OBJECT;
    } else if (modifiers.contains(Modifier.DEFAULT)) {
      return MethodModel.Kind.DEFAULT;
    }
    return MethodModel.Kind.ABSTRACT;
  }

  private boolean isObjectMethod(ExecutableElement method) {
    String name = method.getSimpleName().toString();
    List<? extends VariableElement> parameters = method.getParameters();
    return switch (name) {
      case "toString", "hashCode" -> parameters.isEmpty();
      case "equals" -> parameters.size() == 1
          && types.isSameType(parameters.get(0).asType(), object);
      default -> false;
    };
  }

  private ThrownType.Category category(TypeMirror type) {
    if (type.getKind() == TypeKind.TYPEVAR) {
      return ThrownType.Category.TYPE_VARIABLE;
    } else if (types.isSubtype(type, runtimeException)) {
      return ThrownType.Category.UNCHECKED;
    } else if (types.isSubtype(type, exception)) {
      return ThrownType.Category.CHECKED;
    } else if (types.isSubtype(type, error)) {
      return ThrownType.Category.ERROR;
    }
    return ThrownType.Category.THROWABLE;
  }

  private static List<TypeElement> enclosingTypes(TypeElement type) {
    List<TypeElement> enclosing = new ArrayList<>();
    for (Element outer = type.getEnclosingElement(); outer != null; outer = outer.getEnclosingElement()) {
      if (outer instanceof TypeElement typeElement) {
        enclosing.add(typeElement);
      }
    }
    Collections.reverse(enclosing);
    return enclosing;
  }

  /** An interface's tasks and, when it has any, the union of their unions. */
  private record Tasks(List<TaskModel> tasks, Optional<ServiceUnion> serviceUnion) {}

  private Tasks tasks(
      List<MethodModel> methods,
      Optional<ScopeTaskSettings> scopeTask,
      Optional<BulkheadSettings> interfaceBulkhead,
      String displayName,
      String scopedName,
      String simpleName) {
    List<MethodModel> taskMethods = methods.stream()
        .filter(method -> isTask(method, scopeTask.isPresent()))
        .toList();
    Map<String, Integer> overloads = new HashMap<>();
    taskMethods.forEach(method -> overloads.merge(method.name(), 1, Integer::sum));
    String prefix = scopeTask.map(task -> task.name().value()).filter(name -> !name.isEmpty()).orElse(displayName);

    List<String> baseNames = new ArrayList<>();
    for (MethodModel method : taskMethods) {
      StringBuilder baseName = new StringBuilder(Names.capitalize(method.name()));
      if (overloads.get(method.name()) > 1) {
        method.parameters().forEach(p -> baseName.append(Names.typeWord(p.type(), types)));
      }
      baseNames.add(baseName.toString());
    }
    Set<String> unionNames = new HashSet<>();
    baseNames.forEach(baseName -> unionNames.add(baseName + "Error"));
    // UserService's union is UserServiceError, unless a method userService's union took that name.
    String serviceUnionName = unionNames.contains(simpleName + "Error") ? simpleName + "TaskError" : simpleName + "Error";
    Set<String> reserved = new HashSet<>(unionNames);
    reserved.add(scopedName);
    reserved.add(serviceUnionName);
    List<List<ThrownType>> tasksThrown = taskMethods.stream().map(MethodModel::thrown).toList();
    Map<String, String> variantNames = unions.declaredNames(tasksThrown, reserved);

    List<TaskModel> tasks = new ArrayList<>();
    for (int i = 0; i < taskMethods.size(); i++) {
      MethodModel method = taskMethods.get(i);
      String baseName = baseNames.get(i);
      String taskName = method.scopeTask()
          .map(task -> task.name().value())
          .filter(name -> !name.isEmpty())
          .orElse(prefix + "." + method.name());
      Optional<Setting<String>> attemptTimeout =
          method.timeout().map(TimeoutSettings::value).filter(t -> !t.value().isEmpty());
      // The most specific declaration wins: @Timeout, else the method's @ScopeTask(timeout), else
      // the interface's.
      Optional<Setting<String>> overallTimeout = method.timeout().isPresent()
          ? method.timeout().map(TimeoutSettings::overall).filter(t -> !t.value().isEmpty())
          : method.scopeTask().map(ScopeTaskSettings::timeout).filter(t -> !t.value().isEmpty())
              .or(() -> scopeTask.map(ScopeTaskSettings::timeout).filter(t -> !t.value().isEmpty()));
      Optional<BulkheadSettings> bulkhead = method.bulkhead().or(() -> interfaceBulkhead);
      ErrorUnion union = unions.union(
          baseName + "Error",
          variantNames,
          method.thrown(),
          attemptTimeout.isPresent() || overallTimeout.isPresent(),
          method.lock().isPresent(),
          method.rateLimit().isPresent(),
          method.circuitBreaker().isPresent(),
          bulkhead.isPresent());
      tasks.add(new TaskModel(method, taskName, baseName, union, attemptTimeout, overallTimeout, bulkhead));
    }
    Optional<ServiceUnion> serviceUnion = tasks.isEmpty()
        ? Optional.empty()
        : Optional.of(unions.service(serviceUnionName, tasks.stream().map(TaskModel::union).toList(),
            tasksThrown));
    return new Tasks(List.copyOf(tasks), serviceUnion);
  }

  /**
   * A method is a task when it carries {@code @ScopeTask}, or its interface does and it is abstract
   * or a default method with a policy annotation.
   */
  private static boolean isTask(MethodModel method, boolean interfaceIsTask) {
    if (!method.isDelegatable()) {
      return false;
    }
    return method.scopeTask().isPresent()
        || (interfaceIsTask && (method.kind() == MethodModel.Kind.ABSTRACT || method.hasPolicy()));
  }
}
