package io.gogoscope.processor.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads a {@code retryOnResult} class literal: the default {@code ResultPredicate.Never} is no
 * predicate; any other class is read with the {@code T} of the {@code ResultPredicate<T>} among its
 * supertypes (javac has already checked that it implements one).
 */
final class ResultPredicates {
  private final Types types;
  private final Elements elements;

  ResultPredicates(Types types, Elements elements) {
    this.types = types;
    this.elements = elements;
  }

  Optional<ResultPredicateValue> read(ClassValue literal) {
    TypeElement element = (TypeElement) types.asElement(literal.type());
    if (element == null || element.getQualifiedName().contentEquals(AnnotationNames.RESULT_PREDICATE_NEVER)) {
      return Optional.empty();
    }
    TypeMirror judged = judged(literal.type());
    return Optional.of(new ResultPredicateValue(literal, judged, types.erasure(judged)));
  }

  /** {@code T} of the {@code ResultPredicate<T>} that {@code type} implements; Object if none is found. */
  private TypeMirror judged(TypeMirror type) {
    Deque<TypeMirror> pending = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    pending.add(type);
    while (!pending.isEmpty()) {
      TypeMirror next = pending.removeFirst();
      if (next.getKind() != TypeKind.DECLARED || !seen.add(next.toString())) {
        continue;
      }
      DeclaredType declared = (DeclaredType) next;
      TypeElement element = (TypeElement) declared.asElement();
      if (element.getQualifiedName().contentEquals(AnnotationNames.RESULT_PREDICATE)) {
        if (declared.getTypeArguments().size() == 1) {
          return declared.getTypeArguments().get(0);
        }
        break; // raw: judges Objects
      }
      pending.addAll(types.directSupertypes(next));
    }
    return elements.getTypeElement("java.lang.Object").asType();
  }
}
