package io.gogoscope.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import io.gogoscope.processor.model.InterfaceModel;
import io.gogoscope.processor.model.MethodModel;
import io.gogoscope.processor.model.Names;
import io.gogoscope.processor.model.ParameterModel;
import io.gogoscope.processor.model.TaskModel;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The names of everything generated for one interface, so both generated files agree on them. */
final class GeneratedNames {
  private final InterfaceModel model;
  private final ClassName scoped;
  private final ClassName implementation;
  private final List<TypeVariableName> typeVariables;

  GeneratedNames(InterfaceModel model) {
    this.model = model;
    this.scoped = ClassName.get(model.packageName(), model.scopedName());
    this.implementation = ClassName.get(model.packageName(), model.implementationName());
    this.typeVariables = model.element().getTypeParameters().stream().map(TypeVariableName::get).toList();
  }

  /** The interface's type parameters, with their bounds. */
  List<TypeVariableName> typeVariables() {
    return typeVariables;
  }

  ClassName scoped() {
    return scoped;
  }

  ClassName implementation() {
    return implementation;
  }

  /** {@code ScopedRepo<T, ID>}, or {@code ScopedUserService}. */
  TypeName scopedType() {
    return parameterized(scoped);
  }

  /** {@code Repo<T, ID>}, or {@code UserService}. */
  TypeName delegateType() {
    return parameterized(ClassName.get(model.element()));
  }

  /** {@code ScopedUserService.FetchUserError}. */
  ClassName union(TaskModel task) {
    return scoped.nestedClass(task.union().name());
  }

  /** {@code ScopedUserService.UserServiceError}; only for an interface with tasks. */
  ClassName serviceUnion() {
    return scoped.nestedClass(model.serviceUnion().orElseThrow().name());
  }

  /** {@code fetchUserGuard}. */
  static String guardField(TaskModel task) {
    return Names.decapitalize(task.baseName()) + "Guard";
  }

  /** {@code FETCH_USER_ERRORS}, the error mapper of the task's union. */
  static String mapperConstant(TaskModel task) {
    return Names.upperSnake(task.baseName()) + "_ERRORS";
  }

  /**
   * A name for a generated local or parameter that none of the method's parameters uses:
   * {@code preferred}, else {@code preferred} numbered from 2.
   */
  static String fresh(String preferred, MethodModel method) {
    Set<String> taken = method.parameters().stream().map(ParameterModel::name).collect(Collectors.toSet());
    String name = preferred;
    for (int i = 2; taken.contains(name); i++) {
      name = preferred + i;
    }
    return name;
  }

  /** {@code field}, or {@code this.field} when a parameter of the method hides it. */
  static String field(String field, MethodModel method) {
    boolean hidden = method.parameters().stream().anyMatch(p -> p.name().equals(field));
    return hidden ? "this." + field : field;
  }

  private TypeName parameterized(ClassName raw) {
    if (typeVariables.isEmpty()) {
      return raw;
    }
    return ParameterizedTypeName.get(raw, typeVariables.stream()
        .map(variable -> TypeVariableName.get(variable.name()))
        .toArray(TypeName[]::new));
  }
}
