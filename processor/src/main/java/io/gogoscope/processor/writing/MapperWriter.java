package io.gogoscope.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.gogoscope.processor.model.ErrorUnion;
import io.gogoscope.processor.model.ErrorVariant;
import io.gogoscope.processor.model.TaskModel;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes a task's {@code ErrorMapper}: a nested class that turns each failure the runtime reports
 * into the union's variant (overriding the policy methods only for the policies the task has), and
 * the constant holding its one instance.
 */
final class MapperWriter {

  /** {@code private static final class FetchUserErrors implements ErrorMapper<FetchUserError>}. */
  TypeSpec type(TaskModel task, ClassName union, CodeBlock link) {
    TypeSpec.Builder mapper = TypeSpec.classBuilder(GeneratedNames.mapperClass(task))
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(ParameterizedTypeName.get(RuntimeNames.ERROR_MAPPER, union))
        .addJavadoc("Turns the failures of $L into {@link $T}.\n", link, union)
        .addMethod(thrown(task.union(), union));
    for (ErrorVariant variant : task.union().variants()) {
      switch (variant.kind()) {
        case TIMED_OUT -> mapper.addMethod(policy("timedOut", RuntimeNames.DURATION, "after", union, variant));
        case LOCK_UNAVAILABLE -> mapper.addMethod(policy("lockUnavailable", ClassName.get(String.class), "key", union, variant));
        case RATE_LIMITED -> mapper.addMethod(policy("rateLimited", RuntimeNames.DURATION, "retryAfter", union, variant));
        case CIRCUIT_OPEN -> mapper.addMethod(policy("circuitOpen", ClassName.get(String.class), "name", union, variant));
        case BULKHEAD_FULL -> mapper.addMethod(policy("bulkheadFull", TypeName.INT, "limit", union, variant));
        case CANCELLED -> mapper.addMethod(policy("cancelled", ClassName.OBJECT, "reason", union, variant));
        case DECLARED, UNEXPECTED -> {}
      }
    }
    return mapper.build();
  }

  /** {@code private static final FetchUserErrors FETCH_USER_ERRORS = new FetchUserErrors();}. */
  FieldSpec constant(TaskModel task, ClassName implementation) {
    ClassName mapper = implementation.nestedClass(GeneratedNames.mapperClass(task));
    return FieldSpec.builder(mapper, GeneratedNames.mapperConstant(task), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("new $T()", mapper)
        .build();
  }

  /**
   * A pattern {@code switch} over the routes, in order (none is dominated by an earlier one); an
   * exception no route takes is an undeclared checked one.
   */
  private static MethodSpec thrown(ErrorUnion errors, ClassName union) {
    CodeBlock.Builder cases = CodeBlock.builder().add("return switch (exception) {\n").indent();
    List<ErrorUnion.Route> routes = errors.routes();
    for (int i = 0; i < routes.size(); i++) {
      ErrorUnion.Route route = routes.get(i);
      ClassName variant = union.nestedClass(route.variant());
      if (i == routes.size() - 1 && errors.routesAll()) {
        cases.add("default ->$Wnew $T(exception);\n", variant);
      } else {
        cases.add("case $T e ->$Wnew $T(e);\n", TypeName.get(route.type()), variant);
      }
    }
    if (!errors.routesAll()) {
      cases.add("default ->$Wnew $T($Znew $T(exception));\n",
          union.nestedClass(ErrorVariant.Kind.UNEXPECTED.marker()), RuntimeNames.UNDECLARED_THROWABLE);
    }
    return override("thrown", union)
        .addParameter(Exception.class, "exception")
        .addCode(cases.unindent().add("};\n").build())
        .build();
  }

  private static MethodSpec policy(String method, TypeName type, String parameter, ClassName union, ErrorVariant variant) {
    return override(method, union)
        .addParameter(type, parameter)
        .addCode(CodeBlock.builder().addStatement("return new $T($N)", union.nestedClass(variant.name()), parameter).build())
        .build();
  }

  private static MethodSpec.Builder override(String name, ClassName union) {
    return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(union);
  }
}
