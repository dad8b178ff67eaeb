package io.gogoscope.processor.model;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * A type that carries gogoscope annotations, as read from the compiler: usually an interface to
 * generate {@code Scoped<Name>} for, but possibly a class or another misuse that validation reports.
 *
 * @param element the type
 * @param kind interface, class, enum, record or annotation type
 * @param enclosingTypes the types it is nested in, outermost first
 * @param scopeTask its {@code @ScopeTask}, if it has one
 * @param bulkhead its {@code @Bulkhead}, if it has one (each task's default)
 * @param packageName the package the generated types go in
 * @param displayName its name as written in code: {@code Outer.Inner}
 * @param scopedName the generated interface's simple name: {@code ScopedUserService}, or
 *     {@code ScopedOuter_Inner} for a nested interface
 * @param implementationName the generated implementation's simple name: {@code scopedName + "Impl"}
 * @param generatesPublic whether the generated interface is public (the annotated one is public and
 *     so is every type it is nested in)
 * @param methods its methods, declared and inherited: local ones in declaration order first
 * @param tasks the methods that become tasks, in the order of {@code methods}
 * @param serviceUnion the union of the tasks' unions, which holds their variant records; empty
 *     when there are no tasks
 * @param unresolved the types the compiler could not resolve; non-empty means "wait a round"
 */
public record InterfaceModel(
    TypeElement element,
    ElementKind kind,
    List<TypeElement> enclosingTypes,
    Optional<ScopeTaskSettings> scopeTask,
    Optional<BulkheadSettings> bulkhead,
    String packageName,
    String displayName,
    String scopedName,
    String implementationName,
    boolean generatesPublic,
    List<MethodModel> methods,
    List<TaskModel> tasks,
    Optional<ServiceUnion> serviceUnion,
    List<Unresolved> unresolved) {

  /** The non-task instance methods, delegated as they are. */
  public List<MethodModel> delegated() {
    return methods.stream()
        .filter(MethodModel::isDelegatable)
        .filter(method -> tasks.stream().noneMatch(task -> task.method() == method))
        .toList();
  }
}
