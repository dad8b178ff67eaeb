package io.gogoscope.processor.validation;

import io.gogoscope.processor.model.InterfaceModel;
import io.gogoscope.processor.model.MethodModel;
import io.gogoscope.processor.model.ParameterModel;
import io.gogoscope.processor.model.Position;
import io.gogoscope.processor.model.Setting;
import io.gogoscope.processor.model.ThrownType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Rules about each method: where annotations may go, and which signatures a task may have. */
final class MethodRules {

  /** Return types that would escape the policies, and what to write instead. */
  private static final Map<String, String> UNSUPPORTED_RETURNS = new java.util.LinkedHashMap<>();

  static {
    String future = "the policies would guard only the creation of the future, not its completion;"
        + " return the value itself and call the generated fork variant %s(Scope, ...) to run calls"
        + " concurrently";
    UNSUPPORTED_RETURNS.put("java.util.concurrent.Future", future);
    UNSUPPORTED_RETURNS.put("java.util.concurrent.CompletionStage", future);
    UNSUPPORTED_RETURNS.put("java.util.stream.BaseStream",
        "a stream is consumed after the call has returned, outside its timeout, retries and lock;"
            + " return a List and collect the stream inside the implementation");
    UNSUPPORTED_RETURNS.put("java.util.concurrent.Flow.Publisher",
        "a publisher does its work after the call has returned, outside the policies; return the"
            + " value itself (blocking is cheap on virtual threads)");
    UNSUPPORTED_RETURNS.put("org.reactivestreams.Publisher",
        "a publisher does its work after the call has returned, outside the policies; return the"
            + " value itself (blocking is cheap on virtual threads)");
    UNSUPPORTED_RETURNS.put("io.gogoscope.Result",
        "the generated method already returns a Result; return the value itself and throw failures"
            + " as declared exceptions, which become variants of the error union");
    UNSUPPORTED_RETURNS.put("io.gogoscope.Task",
        "tasks belong to the caller's scope; return the value itself and call the generated fork"
            + " variant %s(Scope, ...)");
  }

  private final Reporter reporter;
  private final Types types;
  private final Elements elements;
  /**
   * The erasures of the unsupported return types on the class path, with what to write instead:
   * looked up at the first method checked, then kept for the compilation.
   */
  private Map<TypeMirror, String> unsupportedReturns;

  MethodRules(Reporter reporter, Types types, Elements elements) {
    this.reporter = reporter;
    this.types = types;
    this.elements = elements;
  }

  void check(InterfaceModel model, MethodModel method, boolean isTask) {
    if (model.kind() != ElementKind.INTERFACE) {
      return; // TypeRules reports every annotation on a non-interface's methods.
    }
    String name = Display.method(method, types);
    switch (method.kind()) {
      case STATIC, PRIVATE -> annotations(method).forEach(at -> reporter.error(Problem.STATIC_METHOD, at,
          Display.annotation(at), method.kind().name().toLowerCase(java.util.Locale.ROOT), name));
      case OBJECT -> annotations(method).forEach(at ->
          reporter.error(Problem.OBJECT_METHOD, at, Display.annotation(at), name));
      default -> {
        if (isTask) {
          checkSignature(method, name);
          checkSpanAttributes(method, name);
        } else {
          List<Position> misplaced = new ArrayList<>(method.policyPositions());
          method.parameters().forEach(p -> p.spanAttribute().ifPresent(a -> misplaced.add(a.position())));
          misplaced.forEach(at -> reporter.error(Problem.NOT_A_TASK, at,
              Display.annotation(at), name, name, model.displayName()));
        }
      }
    }
  }

  /** Every gogoscope annotation on the method and its parameters. */
  private static List<Position> annotations(MethodModel method) {
    List<Position> positions = new ArrayList<>();
    method.scopeTask().ifPresent(task -> positions.add(task.position()));
    positions.addAll(method.policyPositions());
    method.parameters().forEach(p -> p.spanAttribute().ifPresent(a -> positions.add(a.position())));
    return positions;
  }

  private void checkSignature(MethodModel method, String name) {
    Position at = Position.of(method.element());
    unsupportedReturn(method.returnType()).ifPresent(instead -> reporter.error(Problem.RETURN_TYPE, at,
        name, Display.type(method.returnType()), String.format(instead, method.name())));
    for (ThrownType thrown : method.thrown()) {
      switch (thrown.category()) {
        case TYPE_VARIABLE -> reporter.error(Problem.THROWS_TYPE_VARIABLE, at, name, Display.type(thrown.type()));
        case THROWABLE -> reporter.error(Problem.THROWS_THROWABLE, at, name, Display.type(thrown.type()));
        default -> {}
      }
    }
    if (method.varargs()) {
      ParameterModel last = method.parameters().get(method.parameters().size() - 1);
      TypeMirror component = ((ArrayType) last.type()).getComponentType();
      if (!isReifiable(component)) {
        reporter.error(Problem.VARARGS, Position.of(last.element()), name, Display.type(component));
      }
    }
  }

  private Optional<String> unsupportedReturn(TypeMirror returned) {
    if (returned.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    TypeMirror erased = types.erasure(returned);
    for (Map.Entry<TypeMirror, String> unsupported : unsupportedReturns().entrySet()) {
      if (types.isSubtype(erased, unsupported.getKey())) {
        return Optional.of(unsupported.getValue());
      }
    }
    return Optional.empty();
  }

  private Map<TypeMirror, String> unsupportedReturns() {
    if (unsupportedReturns == null) {
      unsupportedReturns = new LinkedHashMap<>();
      UNSUPPORTED_RETURNS.forEach((name, instead) -> {
        TypeElement type = elements.getTypeElement(name);
        if (type != null) {
          unsupportedReturns.put(types.erasure(type.asType()), instead);
        }
      });
    }
    return unsupportedReturns;
  }

  private static boolean isReifiable(TypeMirror type) {
    return switch (type.getKind()) {
      case TYPEVAR -> false;
      case ARRAY -> isReifiable(((ArrayType) type).getComponentType());
      case DECLARED -> ((DeclaredType) type).getTypeArguments().stream().allMatch(argument ->
          argument.getKind() == TypeKind.WILDCARD
              && ((javax.lang.model.type.WildcardType) argument).getExtendsBound() == null
              && ((javax.lang.model.type.WildcardType) argument).getSuperBound() == null);
      default -> true;
    };
  }

  private void checkSpanAttributes(MethodModel method, String name) {
    Map<String, ParameterModel> seen = new HashMap<>();
    for (ParameterModel parameter : method.parameters()) {
      if (parameter.spanAttribute().isEmpty()) {
        continue;
      }
      Setting<String> key = parameter.spanAttribute().get();
      if (key.value().isBlank()) {
        reporter.error(Problem.SPAN_ATTRIBUTE_BLANK, key.position(), key.value(), parameter.name());
        continue;
      }
      ParameterModel first = seen.putIfAbsent(key.value(), parameter);
      if (first != null) {
        reporter.error(Problem.SPAN_ATTRIBUTE_DUPLICATE, key.position(),
            key.value(), first.name(), parameter.name(), name);
      }
    }
  }
}
