package io.gogoscope.processor.model;

import com.google.auto.common.AnnotationMirrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads the members of one annotation mirror into {@link Setting}s, defaults included. A value the
 * compiler could not resolve (a class literal or constant that does not exist yet) is recorded as
 * {@link Unresolved} and read as a neutral placeholder: nothing is generated from it, because the
 * interface then waits for the next round.
 */
final class AnnotationReader {
  private final Element element;
  private final AnnotationMirror mirror;
  private final List<Unresolved> unresolved;
  /** Every member's value, defaults included, and the members written out: read once per mirror. */
  private final Map<String, AnnotationValue> values = new HashMap<>();
  private final Set<String> explicit = new HashSet<>();

  AnnotationReader(Element element, AnnotationMirror mirror, List<Unresolved> unresolved) {
    this.element = element;
    this.mirror = mirror;
    this.unresolved = unresolved;
    AnnotationMirrors.getAnnotationValuesWithDefaults(mirror)
        .forEach((member, value) -> values.put(member.getSimpleName().toString(), value));
    mirror.getElementValues().keySet()
        .forEach(member -> explicit.add(member.getSimpleName().toString()));
  }

  Position position() {
    return Position.of(element, mirror);
  }

  Setting<String> string(String member) {
    return read(member, String.class, "");
  }

  Setting<Integer> integer(String member) {
    return read(member, Integer.class, 0);
  }

  Setting<Double> decimal(String member) {
    return read(member, Double.class, 0.0);
  }

  Setting<Boolean> bool(String member) {
    return read(member, Boolean.class, false);
  }

  /** An enum constant, by name. */
  Setting<String> enumConstant(String member) {
    Setting<VariableElement> constant = read(member, VariableElement.class, null);
    String name = constant.value() == null ? "" : constant.value().getSimpleName().toString();
    return new Setting<>(name, constant.explicit(), constant.position());
  }

  /** An array of class literals, each with its own position. */
  Setting<List<ClassValue>> classes(String member) {
    Setting<?> array = read(member, List.class, List.of());
    List<ClassValue> classes = new ArrayList<>();
    for (Object item : (List<?>) array.value()) {
      AnnotationValue value = (AnnotationValue) item;
      Position position = Position.of(element, mirror, value);
      if (value.getValue() instanceof TypeMirror type && type.getKind() != TypeKind.ERROR) {
        classes.add(new ClassValue(type, position));
      } else {
        unresolved.add(new Unresolved(position, String.valueOf(value.getValue())));
      }
    }
    return new Setting<>(List.copyOf(classes), array.explicit(), array.position());
  }

  /** One class literal; empty when it could not be resolved (recorded as such). */
  Optional<ClassValue> classLiteral(String member) {
    Setting<?> literal = read(member, TypeMirror.class, null);
    if (literal.value() instanceof TypeMirror type && type.getKind() != TypeKind.ERROR) {
      return Optional.of(new ClassValue(type, literal.position()));
    }
    if (literal.value() != null) {
      unresolved.add(new Unresolved(literal.position(), String.valueOf(literal.value())));
    }
    return Optional.empty();
  }

  private <T> Setting<T> read(String member, Class<T> type, T placeholder) {
    AnnotationValue value = values.get(member);
    if (value == null) {
      throw new IllegalArgumentException(mirror.getAnnotationType() + " has no member " + member);
    }
    boolean explicit = this.explicit.contains(member);
    Position position = explicit ? Position.of(element, mirror, value) : Position.of(element, mirror);
    if (!type.isInstance(value.getValue())) {
      unresolved.add(new Unresolved(position, String.valueOf(value.getValue())));
      return new Setting<>(placeholder, explicit, position);
    }
    return new Setting<>(type.cast(value.getValue()), explicit, position);
  }
}
