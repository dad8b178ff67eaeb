package io.gogoscope.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import io.gogoscope.processor.model.MethodModel;
import io.gogoscope.processor.model.ParameterModel;
import io.gogoscope.processor.model.TaskModel;
import io.gogoscope.processor.model.ThrownType;
import javax.lang.model.element.Modifier;

/**
 * The signatures of generated methods, shared by the interface (abstract, with Javadoc) and the
 * implementation (with {@code @Override} and a body).
 */
final class Signatures {
  private Signatures() {}

  /** {@code Result<FetchUserError, User> fetchUser(String id)}. */
  static MethodSpec.Builder sync(TaskModel task, ClassName union) {
    return withParameters(MethodSpec.methodBuilder(task.method().name()), task.method())
        .returns(ParameterizedTypeName.get(RuntimeNames.RESULT, union, valueType(task.method())));
  }

  /** {@code Task<FetchUserError, User> fetchUser(Scope scope, String id)}. */
  static MethodSpec.Builder fork(TaskModel task, ClassName union) {
    MethodSpec.Builder fork = MethodSpec.methodBuilder(task.method().name())
        .addParameter(RuntimeNames.SCOPE, scopeParameter(task.method()));
    return withParameters(fork, task.method())
        .returns(ParameterizedTypeName.get(RuntimeNames.TASK, union, valueType(task.method())));
  }

  /**
   * {@code private Callable<User> fetchUserBody(String id)}: the implementation's one place that
   * wraps the delegate call for the guard, used by both the call and the fork.
   */
  static MethodSpec.Builder body(TaskModel task, String name) {
    MethodModel method = task.method();
    MethodSpec.Builder builder = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE)
        .returns(ParameterizedTypeName.get(RuntimeNames.CALLABLE, valueType(method)));
    method.typeVariables().forEach(variable ->
        builder.addTypeVariable(TypeVariableName.get(variable)));
    for (ParameterModel parameter : method.parameters()) {
      builder.addParameter(TypeName.get(parameter.type()), parameter.name());
    }
    return builder;
  }

  /** The method as the annotated interface declares it, throws clause included. */
  static MethodSpec.Builder delegated(MethodModel method) {
    MethodSpec.Builder builder = withParameters(MethodSpec.methodBuilder(method.name()), method)
        .returns(TypeName.get(method.returnType()));
    for (ThrownType thrown : method.thrown()) {
      builder.addException(TypeName.get(thrown.type()));
    }
    return builder;
  }

  /** The fork variant's scope parameter: {@code scope}, unless a parameter has that name. */
  static String scopeParameter(MethodModel method) {
    return GeneratedNames.fresh("scope", method);
  }

  /**
   * The value type of the result: the return type, boxed ({@code int} gives {@code Integer}, so
   * that it can be a type argument), and {@code Void} for {@code void} (with a {@code null} value).
   */
  static TypeName valueType(MethodModel method) {
    return TypeName.get(method.returnType()).box();
  }

  private static MethodSpec.Builder withParameters(MethodSpec.Builder builder, MethodModel method) {
    method.typeVariables().forEach(variable -> builder.addTypeVariable(TypeVariableName.get(variable)));
    for (ParameterModel parameter : method.parameters()) {
      builder.addParameter(ParameterSpec.builder(TypeName.get(parameter.type()), parameter.name()).build());
    }
    return builder.varargs(method.varargs()).addModifiers(Modifier.PUBLIC);
  }
}
