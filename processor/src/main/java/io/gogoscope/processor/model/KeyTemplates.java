package io.gogoscope.processor.model;

import com.google.auto.common.MoreTypes;
import io.gogoscope.processor.model.KeyTemplate.Accessor;
import io.gogoscope.processor.model.KeyTemplate.Fault;
import io.gogoscope.processor.model.KeyTemplate.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Parses key templates and resolves their references: {@code {orderId}} against the parameters,
 * {@code {order.id}} against the accessors of the parameter's type (a record component
 * {@code id()}, a getter {@code getId()}, or for booleans {@code isId()}), visible from the package
 * the generated code lives in.
 */
final class KeyTemplates {
  private static final Pattern PATH =
      Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
          + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

  private final Types types;
  private final Elements elements;

  KeyTemplates(Types types, Elements elements) {
    this.types = types;
    this.elements = elements;
  }

  KeyTemplate resolve(
      Setting<String> text, List<ParameterModel> parameters, PackageElement generatedPackage) {
    List<Part> parts = new ArrayList<>();
    List<Fault> faults = new ArrayList<>();
    String template = text.value();
    StringBuilder literal = new StringBuilder();
    int index = 0;
    while (index < template.length()) {
      char c = template.charAt(index);
      if (c == '}') {
        faults.add(new KeyTemplate.Malformed(index, "'}' closes no '{'"));
        return new KeyTemplate(text, parts, faults);
      }
      if (c != '{') {
        literal.append(c);
        index++;
        continue;
      }
      int close = template.indexOf('}', index + 1);
      if (close < 0) {
        faults.add(new KeyTemplate.Malformed(index, "'{' is never closed"));
        return new KeyTemplate(text, parts, faults);
      }
      String path = template.substring(index + 1, close);
      if (!PATH.matcher(path).matches()) {
        faults.add(new KeyTemplate.Malformed(index,
            "'{" + path + "}' is not a parameter name or a dotted property path such as {order.id}"));
        return new KeyTemplate(text, parts, faults);
      }
      if (!literal.isEmpty()) {
        parts.add(new KeyTemplate.Literal(literal.toString()));
        literal.setLength(0);
      }
      reference(path, parameters, generatedPackage, faults).ifPresent(parts::add);
      index = close + 1;
    }
    if (!literal.isEmpty()) {
      parts.add(new KeyTemplate.Literal(literal.toString()));
    }
    return new KeyTemplate(text, parts, faults);
  }

  private Optional<Part> reference(
      String path, List<ParameterModel> parameters, PackageElement generatedPackage, List<Fault> faults) {
    String[] names = path.split("\\.");
    Optional<ParameterModel> parameter =
        parameters.stream().filter(p -> p.name().equals(names[0])).findFirst();
    if (parameter.isEmpty()) {
      faults.add(new KeyTemplate.UnknownParameter(
          names[0], parameters.stream().map(ParameterModel::name).toList()));
      return Optional.empty();
    }
    TypeMirror type = parameter.get().type();
    List<Accessor> accessors = new ArrayList<>();
    for (int i = 1; i < names.length; i++) {
      Optional<Accessor> accessor = accessor(type, names[i], generatedPackage);
      if (accessor.isEmpty()) {
        faults.add(new KeyTemplate.UnknownProperty(path, names[i], type));
        return Optional.empty();
      }
      accessors.add(accessor.get());
      type = accessor.get().type();
    }
    if (type.getKind() == TypeKind.ARRAY) {
      faults.add(new KeyTemplate.ArrayValue(path, type));
      return Optional.empty();
    }
    return Optional.of(new KeyTemplate.Reference(path, names[0], parameter.get().type(), accessors));
  }

  private Optional<Accessor> accessor(TypeMirror owner, String property, PackageElement from) {
    Optional<DeclaredType> declared = declared(owner);
    if (declared.isEmpty()) {
      return Optional.empty();
    }
    TypeElement element = MoreTypes.asTypeElement(declared.get());
    List<ExecutableElement> methods = ElementFilter.methodsIn(elements.getAllMembers(element));
    String capitalized = Character.toUpperCase(property.charAt(0)) + property.substring(1);
    for (String name : List.of(property, "get" + capitalized, "is" + capitalized)) {
      for (ExecutableElement method : methods) {
        if (method.getSimpleName().contentEquals(name) && isAccessor(method, from)) {
          TypeMirror returned =
              MoreTypes.asExecutable(types.asMemberOf(declared.get(), method)).getReturnType();
          if (name.startsWith("is") && !name.equals(property) && returned.getKind() != TypeKind.BOOLEAN) {
            continue;
          }
          return Optional.of(new Accessor(property, name, returned));
        }
      }
    }
    return Optional.empty();
  }

  private Optional<DeclaredType> declared(TypeMirror type) {
    return switch (type.getKind()) {
      case DECLARED -> Optional.of(MoreTypes.asDeclared(type));
      case TYPEVAR -> declared(((TypeVariable) type).getUpperBound());
      default -> Optional.empty();
    };
  }

  private boolean isAccessor(ExecutableElement method, PackageElement from) {
    if (!method.getParameters().isEmpty()
        || method.getReturnType().getKind() == TypeKind.VOID
        || method.getModifiers().contains(Modifier.STATIC)
        || method.getModifiers().contains(Modifier.PRIVATE)) {
      return false;
    }
    return method.getModifiers().contains(Modifier.PUBLIC)
        || elements.getPackageOf(method).equals(from);
  }
}
