package io.gogoscope.processor.model;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ErrorType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.UnionType;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.SimpleTypeVisitor14;

/**
 * Finds a type the compiler could not resolve anywhere inside a type: in its type arguments, array
 * components, wildcard and type-variable bounds.
 */
final class UnresolvedTypes {

  /** The first unresolved type inside {@code type}, as the compiler prints it. */
  Optional<String> find(TypeMirror type) {
    return Optional.ofNullable(type.accept(new Finder(), new HashSet<>()));
  }

  private static final class Finder extends SimpleTypeVisitor14<String, Set<Element>> {
    @Override
    public String visitError(ErrorType type, Set<Element> visiting) {
      return type.toString();
    }

    @Override
    public String visitDeclared(DeclaredType type, Set<Element> visiting) {
      for (TypeMirror argument : type.getTypeArguments()) {
        String found = argument.accept(this, visiting);
        if (found != null) {
          return found;
        }
      }
      return null;
    }

    @Override
    public String visitArray(ArrayType type, Set<Element> visiting) {
      return type.getComponentType().accept(this, visiting);
    }

    @Override
    public String visitWildcard(WildcardType type, Set<Element> visiting) {
      for (TypeMirror bound : new TypeMirror[] {type.getExtendsBound(), type.getSuperBound()}) {
        if (bound != null) {
          String found = bound.accept(this, visiting);
          if (found != null) {
            return found;
          }
        }
      }
      return null;
    }

    @Override
    public String visitTypeVariable(TypeVariable type, Set<Element> visiting) {
      // A bound may mention the variable itself (T extends Comparable<T>): visit each once.
      if (!visiting.add(type.asElement())) {
        return null;
      }
      return type.getUpperBound().accept(this, visiting);
    }

    @Override
    public String visitIntersection(IntersectionType type, Set<Element> visiting) {
      for (TypeMirror bound : type.getBounds()) {
        String found = bound.accept(this, visiting);
        if (found != null) {
          return found;
        }
      }
      return null;
    }

    @Override
    public String visitUnion(UnionType type, Set<Element> visiting) {
      for (TypeMirror alternative : type.getAlternatives()) {
        String found = alternative.accept(this, visiting);
        if (found != null) {
          return found;
        }
      }
      return null;
    }
  }
}
