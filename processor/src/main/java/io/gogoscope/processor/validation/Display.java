package io.gogoscope.processor.validation;

import io.gogoscope.processor.model.AnnotationNames;
import io.gogoscope.processor.model.MethodModel;
import io.gogoscope.processor.model.ParameterModel;
import io.gogoscope.processor.model.Position;
import io.gogoscope.processor.model.Setting;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/** How messages spell code: as the user wrote it, with package names left out. */
final class Display {
  /** A package prefix ({@code java.util.}) before a type name. */
  private static final Pattern PACKAGE_PREFIX = Pattern.compile("\\b(?:[a-z_][\\w$]*\\.)+(?=[A-Za-z_$])");

  private Display() {}

  /** {@code java.util.List<com.acme.User>} becomes {@code List<User>}. */
  static String type(TypeMirror type) {
    return PACKAGE_PREFIX.matcher(type.toString()).replaceAll("");
  }

  /** {@code fetchUser(String)}, with erased parameter types. */
  static String method(MethodModel method, Types types) {
    return method.name() + "(" + method.parameters().stream()
        .map(ParameterModel::type)
        .map(type -> type(types.erasure(type)))
        .collect(Collectors.joining(", ")) + ")";
  }

  /** The annotation at {@code position}, as {@code @Retry}. */
  static String annotation(Position position) {
    return position.annotation()
        .map(mirror -> AnnotationNames.display(mirror.getAnnotationType().asElement().toString()))
        .orElse("");
  }

  /** {@code @Retry(attempts = 0)} or {@code @Retry(delay = "2 parsecs")}. */
  static String member(String annotation, String member, Setting<?> setting) {
    Object value = setting.value();
    String shown = value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
    return annotation + "(" + member + " = " + shown + ")";
  }
}
