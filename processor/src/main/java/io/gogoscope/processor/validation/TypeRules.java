package io.gogoscope.processor.validation;

import io.gogoscope.processor.model.InterfaceModel;
import io.gogoscope.processor.model.MethodModel;
import io.gogoscope.processor.model.ParameterModel;
import io.gogoscope.processor.model.Position;
import io.gogoscope.processor.model.ScopeTaskSettings;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;

/** Rules about the annotated type itself: an interface that generated code can name. */
final class TypeRules {
  private final Reporter reporter;

  TypeRules(Reporter reporter) {
    this.reporter = reporter;
  }

  void check(InterfaceModel model) {
    if (model.kind() != ElementKind.INTERFACE) {
      checkNotInterface(model);
      return;
    }
    Position at = model.scopeTask().map(ScopeTaskSettings::position).orElse(Position.of(model.element()));
    if (model.element().getModifiers().contains(Modifier.PRIVATE)) {
      reporter.error(Problem.PRIVATE_TYPE, Position.of(model.element()), model.displayName(), model.scopedName());
    }
    for (TypeElement outer : model.enclosingTypes()) {
      if (outer.getModifiers().contains(Modifier.PRIVATE)) {
        reporter.error(Problem.PRIVATE_ENCLOSING, at, model.displayName(), noun(outer) + " " + outer.getSimpleName(),
            model.scopedName(), outer.getSimpleName());
      }
    }
    model.scopeTask().ifPresent(task -> {
      String name = task.name().value();
      if (!name.isEmpty() && name.isBlank()) {
        reporter.error(Problem.TASK_NAME_BLANK, task.name().position(), name, model.displayName());
      }
      if (model.tasks().isEmpty()) {
        reporter.error(Problem.NO_TASKS, task.position(), model.displayName());
      }
    });
    if (model.scopeTask().isEmpty() && model.tasks().isEmpty()) {
      model.bulkhead().ifPresent(bulkhead -> reporter.error(Problem.BULKHEAD_PLACE, bulkhead.position(),
          "interface " + model.displayName(), "it has no task (add @ScopeTask to it or to its methods)"));
    }
  }

  /** A class, enum, record or annotation type: every gogoscope annotation on it is misplaced. */
  private void checkNotInterface(InterfaceModel model) {
    String name = model.displayName();
    model.bulkhead().ifPresent(bulkhead -> reporter.error(Problem.BULKHEAD_PLACE, bulkhead.position(),
        kindOf(model.element()) + " " + name, "gogoscope generates code for interfaces only"));
    model.scopeTask().ifPresent(task ->
        reporter.error(Problem.NOT_INTERFACE, task.position(), kindOf(model.element()) + " " + name, name));
    for (MethodModel method : model.methods()) {
      String where = method.name() + "()";
      method.scopeTask().ifPresent(task -> reporter.error(Problem.NOT_INTERFACE_METHOD, task.position(),
          "@ScopeTask", where, kindOf(model.element()) + " " + name));
      for (Position policy : method.policyPositions()) {
        reporter.error(Problem.NOT_INTERFACE_METHOD, policy,
            Display.annotation(policy), where, kindOf(model.element()) + " " + name);
      }
      for (ParameterModel parameter : method.parameters()) {
        parameter.spanAttribute().ifPresent(attribute -> reporter.error(Problem.NOT_INTERFACE_METHOD,
            attribute.position(), "@SpanAttribute", where, kindOf(model.element()) + " " + name));
      }
    }
  }

  private static String kindOf(TypeElement type) {
    return "the " + noun(type);
  }

  private static String noun(TypeElement type) {
    return switch (type.getKind()) {
      case ENUM -> "enum";
      case RECORD -> "record";
      case ANNOTATION_TYPE -> "annotation type";
      case INTERFACE -> "interface";
      default -> type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)
          ? "inner (non-static) class"
          : "class";
    };
  }
}
