package io.gogoscope.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import io.gogoscope.processor.model.ErrorVariant;
import io.gogoscope.processor.model.ServiceUnion;
import io.gogoscope.processor.model.TaskModel;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the interface's one {@code ErrorMapper} class, {@code Errors<E>}, and per task the
 * constant holding its instance for that task's union.
 *
 * <p>The variant records are shared by the tasks' unions, so one class can build them for every
 * task: an instance holds its task's union as a {@code Class<E>}, takes a declared exception's
 * route only when that union has the route's variant ({@code when has(Io.class)}; left out when
 * every union has it), and narrows what it builds to {@code E} with the runtime's
 * {@code UnionMapper.into}, which names a variant outside the union as a runtime bug. Filtered that
 * way, the routes are exactly the ones the task alone would have, so a task's exceptions become the
 * same variants as with a mapper class per task, without a class per task for javac to compile.
 */
final class MapperWriter {
  private static final String CLASS = "Errors";
  private static final TypeVariableName E = TypeVariableName.get("E");

  /** {@code private static final class Errors<E extends UserServiceError> extends UnionMapper<E>}. */
  TypeSpec type(ServiceUnion service, ClassName serviceUnion) {
    TypeSpec.Builder mapper = TypeSpec.classBuilder(CLASS)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addTypeVariable(TypeVariableName.get("E", serviceUnion))
        .superclass(ParameterizedTypeName.get(RuntimeNames.UNION_MAPPER, E))
        .addJavadoc("Turns the failures the runtime reports into the variants of {@link $T}, each time into\n"
            + "one of the union {@code E} of the task it was made for.\n", serviceUnion)
        .addMethod(MethodSpec.constructorBuilder()
            .addParameter(ParameterizedTypeName.get(ClassName.get(Class.class), E), "union")
            .addStatement("super(union)")
            .build())
        .addMethod(thrown(service, serviceUnion));
    for (ErrorVariant variant : service.variants()) {
      switch (variant.kind()) {
        case TIMED_OUT -> mapper.addMethod(policy("timedOut", RuntimeNames.DURATION, "after", serviceUnion, variant));
        case LOCK_UNAVAILABLE -> mapper.addMethod(policy("lockUnavailable", ClassName.get(String.class), "key", serviceUnion, variant));
        case RATE_LIMITED -> mapper.addMethod(policy("rateLimited", RuntimeNames.DURATION, "retryAfter", serviceUnion, variant));
        case CIRCUIT_OPEN -> mapper.addMethod(policy("circuitOpen", ClassName.get(String.class), "name", serviceUnion, variant));
        case BULKHEAD_FULL -> mapper.addMethod(policy("bulkheadFull", TypeName.INT, "limit", serviceUnion, variant));
        case CANCELLED -> mapper.addMethod(policy("cancelled", ClassName.OBJECT, "reason", serviceUnion, variant));
        case DECLARED, UNEXPECTED -> {}
      }
    }
    return mapper.build();
  }

  /**
   * {@code private static final Errors<FetchUserError> FETCH_USER_ERRORS = new Errors<>(FetchUserError.class);}.
   */
  FieldSpec constant(TaskModel task, ClassName union) {
    return FieldSpec.builder(ParameterizedTypeName.get(ClassName.get("", CLASS), union),
            GeneratedNames.mapperConstant(task), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$Znew $N<>($T.class)", CLASS, union)
        .build();
  }

  /**
   * A pattern {@code switch} over the routes, in order (none is dominated by an earlier one); an
   * exception no route takes is an undeclared checked one.
   */
  private static MethodSpec thrown(ServiceUnion service, ClassName serviceUnion) {
    CodeBlock.Builder cases = CodeBlock.builder().add("return into(switch (exception) {\n").indent();
    List<ServiceUnion.Route> routes = service.routes();
    for (int i = 0; i < routes.size(); i++) {
      ServiceUnion.Route route = routes.get(i);
      ClassName variant = serviceUnion.nestedClass(route.variant());
      if (i == routes.size() - 1 && service.routesAll()) {
        cases.add("default ->$Wnew $T(exception);\n", variant);
      } else if (route.everyTask()) {
        cases.add("case $T e ->$Wnew $T(e);\n", TypeName.get(route.type()), variant);
      } else {
        cases.add("case $T e$Wwhen has($T.class) ->$Wnew $T(e);\n", TypeName.get(route.type()), variant, variant);
      }
    }
    if (!service.routesAll()) {
      cases.add("default ->$Wnew $T($Znew $T(exception));\n",
          serviceUnion.nestedClass(ErrorVariant.Kind.UNEXPECTED.marker()), RuntimeNames.UNDECLARED_THROWABLE);
    }
    return override("thrown")
        .addParameter(Exception.class, "exception")
        .addCode(cases.unindent().add("});\n").build())
        .build();
  }

  private static MethodSpec policy(String method, TypeName type, String parameter, ClassName serviceUnion, ErrorVariant variant) {
    return override(method)
        .addParameter(type, parameter)
        .addStatement("return into(new $T($N))", serviceUnion.nestedClass(variant.name()), parameter)
        .build();
  }

  private static MethodSpec.Builder override(String name) {
    return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(E);
  }
}
