package io.gogoscope.processor.validation;

import io.gogoscope.processor.model.ErrorVariant;
import io.gogoscope.processor.model.InterfaceModel;
import io.gogoscope.processor.model.MethodModel;
import io.gogoscope.processor.model.ParameterModel;
import io.gogoscope.processor.model.Position;
import io.gogoscope.processor.model.ServiceUnion;
import io.gogoscope.processor.model.TaskModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.lang.model.util.Types;

/**
 * Rules about the names the generated code declares: each error union, each variant within a
 * union and among the variant records the unions share, and each generated method signature must
 * be unique.
 */
final class NameRules {
  private final Reporter reporter;
  private final Types types;

  NameRules(Reporter reporter, Types types) {
    this.reporter = reporter;
    this.types = types;
  }

  void check(InterfaceModel model) {
    checkUnions(model);
    checkVariants(model);
    checkSharedVariants(model);
    checkMethods(model);
  }

  private void checkUnions(InterfaceModel model) {
    Map<String, TaskModel> seen = new HashMap<>();
    String serviceUnion = model.serviceUnion().map(ServiceUnion::name).orElse(null);
    for (TaskModel task : model.tasks()) {
      String union = task.union().name();
      if (union.equals(serviceUnion)) {
        // The interface-wide union fell back to <Interface>TaskError, and a task is named that too.
        reporter.error(Problem.NAME_CLASH, Position.of(task.method().element()),
            Display.method(task.method(), types), "the union of every task of " + model.displayName(),
            model.scopedName(), union);
        continue;
      }
      TaskModel first = seen.putIfAbsent(union, task);
      if (first == null && union.equals(model.scopedName())) {
        first = task; // The union would be named like the interface that encloses it.
      }
      if (first != null) {
        reporter.error(Problem.NAME_CLASH, Position.of(task.method().element()),
            Display.method(first.method(), types), Display.method(task.method(), types),
            model.scopedName(), union);
      }
    }
  }

  private void checkVariants(InterfaceModel model) {
    for (TaskModel task : model.tasks()) {
      Map<String, List<ErrorVariant>> byName = task.union().variants().stream()
          .collect(Collectors.groupingBy(ErrorVariant::name, LinkedHashMap::new, Collectors.toList()));
      byName.forEach((name, variants) -> {
        if (variants.size() > 1) {
          String exceptions = variants.stream().map(NameRules::describe).collect(Collectors.joining(" and "));
          reporter.error(Problem.VARIANT_CLASH, Position.of(task.method().element()),
              task.union().name(), Display.method(task.method(), types), name, exceptions);
        }
      });
    }
  }

  /**
   * The tasks' unions share their variant records, so a name must stand for the same failure in
   * every union that has it.
   */
  private void checkSharedVariants(InterfaceModel model) {
    Map<String, ErrorVariant> seen = new HashMap<>();
    for (TaskModel task : model.tasks()) {
      for (ErrorVariant variant : task.union().variants()) {
        ErrorVariant first = seen.putIfAbsent(variant.name(), variant);
        if (first != null && !sameFailure(first, variant)) {
          reporter.error(Problem.VARIANT_CLASH, Position.of(task.method().element()),
              model.serviceUnion().orElseThrow().name(), Display.method(task.method(), types),
              variant.name(), describe(first) + " and " + describe(variant));
        }
      }
    }
  }

  private boolean sameFailure(ErrorVariant a, ErrorVariant b) {
    return a.kind() == b.kind() && (a.exception().isEmpty()
        || types.isSameType(a.exception().orElseThrow(), b.exception().orElseThrow()));
  }

  private static String describe(ErrorVariant variant) {
    return variant.exception().map(Display::type).orElse(variant.kind().marker());
  }

  /** The sync and fork variant of each task, and each delegated method, must not collide. */
  private void checkMethods(InterfaceModel model) {
    Map<String, MethodModel> declared = new HashMap<>();
    for (MethodModel method : model.methods()) {
      if (!method.isDelegatable()) {
        continue;
      }
      boolean isTask = model.tasks().stream().anyMatch(task -> task.method() == method);
      List<String> signatures = new ArrayList<>();
      signatures.add(signature(method.name(), method, false));
      if (isTask) {
        signatures.add(signature(method.name(), method, true));
      }
      for (String signature : signatures) {
        MethodModel owner = declared.putIfAbsent(signature, method);
        if (owner != null) {
          String parameters = signature.substring(signature.indexOf('(') + 1, signature.length() - 1);
          reporter.error(Problem.METHOD_CLASH, Position.of(method.element()),
              Display.method(method, types), method.name(), parameters, model.scopedName(),
              Display.method(owner, types));
        }
      }
    }
  }

  private String signature(String name, MethodModel method, boolean fork) {
    List<String> parameters = new ArrayList<>();
    if (fork) {
      parameters.add("Scope");
    }
    for (ParameterModel parameter : method.parameters()) {
      parameters.add(Display.type(types.erasure(parameter.type())));
    }
    return name + "(" + String.join(", ", parameters) + ")";
  }
}
