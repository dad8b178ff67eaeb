package io.gogoscope.processor.validation;

import io.gogoscope.processor.model.MethodModel;
import io.gogoscope.processor.model.ResultPredicateValue;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Rules about {@code @Retry(retryOnResult = P.class)}: the method has a result, {@code P} judges
 * results of its type ({@code GGS-RETRY-RESULT-TYPE}), and the generated code can write
 * {@code new P()} ({@code GGS-RETRY-RESULT-CLASS}).
 */
final class ResultPredicateRules {
  private final Reporter reporter;
  private final Types types;
  private final Elements elements;

  ResultPredicateRules(Reporter reporter, Types types, Elements elements) {
    this.reporter = reporter;
    this.types = types;
    this.elements = elements;
  }

  void check(ResultPredicateValue predicate, MethodModel method, String name, String packageName) {
    TypeElement type = (TypeElement) types.asElement(predicate.predicate().type());
    String shown = "@Retry(retryOnResult = " + type.getSimpleName() + ".class)";
    checkResultType(predicate, method, name, shown);
    whyNotCreatable(type, packageName).ifPresent(reason ->
        reporter.error(Problem.RETRY_RESULT_CLASS, predicate.predicate().position(), shown,
            type.getSimpleName(), reason));
  }

  private void checkResultType(ResultPredicateValue predicate, MethodModel method, String name, String shown) {
    TypeMirror result = method.returnType();
    if (result.getKind() == TypeKind.VOID) {
      reporter.error(Problem.RETRY_RESULT_TYPE, predicate.predicate().position(), shown,
          name + " returns void, so no result is there to judge: return the value, or remove retryOnResult");
      return;
    }
    TypeMirror boxed = result.getKind().isPrimitive()
        ? types.boxedClass(types.getPrimitiveType(result.getKind())).asType()
        : result;
    if (!types.isAssignable(boxed, predicate.judged())) {
      String judged = Display.type(predicate.judged());
      reporter.error(Problem.RETRY_RESULT_TYPE, predicate.predicate().position(), shown,
          name + " returns " + Display.type(result) + ", but the predicate judges " + judged
              + " (it implements ResultPredicate<" + judged + ">): name a ResultPredicate of "
              + Display.type(boxed) + " or of a supertype of it");
    }
  }

  /** Why {@code new P()} cannot be written in {@code packageName}, if it cannot. */
  private Optional<String> whyNotCreatable(TypeElement type, String packageName) {
    if (type.getKind() == ElementKind.INTERFACE) {
      return Optional.of("it is an interface: name a class that implements it");
    }
    if (type.getKind() == ElementKind.ENUM) {
      return Optional.of("it is an enum: name a class with a no-argument constructor");
    }
    if (type.getModifiers().contains(Modifier.ABSTRACT)) {
      return Optional.of("it is abstract: name a concrete subclass");
    }
    // A generic class needs no rule: its class literal is raw, which javac refuses for the member.
    for (Element outer = type; outer instanceof TypeElement nested; outer = outer.getEnclosingElement()) {
      if (nested.getModifiers().contains(Modifier.PRIVATE)) {
        return Optional.of((nested == type ? "it is private" : "it is nested in the private " + nested.getSimpleName())
            + ": make it package-private or public");
      }
      if (nested.getNestingKind() == NestingKind.MEMBER && !nested.getModifiers().contains(Modifier.STATIC)) {
        return Optional.of("it is an inner class, which needs an instance of "
            + nested.getEnclosingElement().getSimpleName() + ": make it static");
      }
      if (!isPublic(nested) && !samePackage(nested, packageName)) {
        return Optional.of((nested == type ? "it is" : "it is nested in " + nested.getSimpleName() + ", which is")
            + " not public and the generated code is in package " + packageName + ": make it public");
      }
    }
    List<ExecutableElement> noArguments = ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
        .filter(constructor -> constructor.getParameters().isEmpty())
        .toList();
    if (noArguments.isEmpty()) {
      return Optional.of("it has no no-argument constructor: add one");
    }
    Set<Modifier> modifiers = noArguments.get(0).getModifiers();
    if (modifiers.contains(Modifier.PRIVATE)) {
      return Optional.of("its no-argument constructor is private: make it package-private or public");
    }
    if (!modifiers.contains(Modifier.PUBLIC) && !samePackage(type, packageName)) {
      return Optional.of("its no-argument constructor is not public and the generated code is in package "
          + packageName + ": make it public");
    }
    return Optional.empty();
  }

  private static boolean isPublic(Element element) {
    return element.getModifiers().contains(Modifier.PUBLIC);
  }

  private boolean samePackage(Element element, String packageName) {
    return elements.getPackageOf(element).getQualifiedName().contentEquals(packageName);
  }
}
