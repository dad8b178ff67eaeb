package io.gogoscope.processor.validation;

import io.gogoscope.processor.model.InterfaceModel;
import io.gogoscope.processor.model.MethodModel;
import io.gogoscope.processor.model.TaskModel;
import io.gogoscope.processor.model.Unresolved;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks a model against every rule and reports each violation; the writer runs only on models
 * that pass. Rules are grouped by what they look at: the type ({@link TypeRules}), each method's
 * placement and signature ({@link MethodRules}), each policy's values ({@link PolicyRules}), and
 * the generated names ({@link NameRules}).
 */
public final class Validator {
  private final Reporter reporter;
  private final TypeRules typeRules;
  private final MethodRules methodRules;
  private final PolicyRules policyRules;
  private final NameRules nameRules;

  /** A validator reporting to {@code reporter}. */
  public Validator(Reporter reporter, Types types, Elements elements) {
    this.reporter = reporter;
    this.typeRules = new TypeRules(reporter);
    this.methodRules = new MethodRules(reporter, types, elements);
    this.policyRules = new PolicyRules(reporter, types, elements);
    this.nameRules = new NameRules(reporter, types);
  }

  /** Reports every problem of {@code model}; {@code true} when it may be generated. */
  public boolean validate(InterfaceModel model) {
    int before = reporter.errorCount();
    if (!model.unresolved().isEmpty()) {
      reportUnresolved(model);
      return false;
    }
    typeRules.check(model);
    if (model.kind() == ElementKind.INTERFACE) {
      model.scopeTask().ifPresent(policyRules::checkInterfaceTimeout);
      model.bulkhead().ifPresent(policyRules::checkInterfaceBulkhead);
    }
    for (MethodModel method : model.methods()) {
      Optional<TaskModel> task =
          model.tasks().stream().filter(candidate -> candidate.method() == method).findFirst();
      methodRules.check(model, method, task.isPresent());
      task.ifPresent(t -> policyRules.check(model, t));
    }
    if (model.kind() == ElementKind.INTERFACE) {
      nameRules.check(model);
      policyRules.checkSharedBreakers(model);
    }
    return reporter.errorCount() == before;
  }

  /**
   * Reports the types that stayed unresolved until the last round, each once: the compiler reports
   * the missing type too, but this says why nothing was generated.
   */
  private void reportUnresolved(InterfaceModel model) {
    Set<String> reported = new HashSet<>();
    for (Unresolved unresolved : model.unresolved()) {
      if (reported.add(unresolved.type())) {
        reporter.error(Problem.UNRESOLVED_TYPE, unresolved.position(), model.scopedName(), unresolved.type());
      }
    }
  }
}
