package io.gogoscope.processor.model;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;

/**
 * A method of the annotated type, with its signature as a member of that type and the gogoscope
 * annotations on it.
 *
 * @param element the method (possibly declared in a super-interface)
 * @param kind what kind of method it is
 * @param name its name
 * @param typeVariables its own type parameters
 * @param returnType its return type
 * @param parameters its parameters
 * @param varargs whether the last parameter is varargs
 * @param thrown its {@code throws} clause, in order, sorted into categories
 * @param scopeTask its {@code @ScopeTask}
 * @param retry its {@code @Retry}
 * @param timeout its {@code @Timeout}
 * @param lock its {@code @DistributedLock}
 * @param rateLimit its {@code @RateLimit}
 * @param circuitBreaker its {@code @CircuitBreaker}
 * @param bulkhead its own {@code @Bulkhead} (not its interface's)
 */
public record MethodModel(
    ExecutableElement element,
    Kind kind,
    String name,
    List<TypeVariable> typeVariables,
    TypeMirror returnType,
    List<ParameterModel> parameters,
    boolean varargs,
    List<ThrownType> thrown,
    Optional<ScopeTaskSettings> scopeTask,
    Optional<RetrySettings> retry,
    Optional<TimeoutSettings> timeout,
    Optional<LockSettings> lock,
    Optional<RateLimitSettings> rateLimit,
    Optional<CircuitBreakerSettings> circuitBreaker,
    Optional<BulkheadSettings> bulkhead) {

  /** The kinds of interface (or class) method, as gogoscope treats them. */
  public enum Kind {
    /** Abstract: a task when the interface is annotated, else delegated. */
    ABSTRACT,
    /** Default: delegated, unless annotated. */
    DEFAULT,
    /** Static: left alone. */
    STATIC,
    /** Private: left alone. */
    PRIVATE,
    /** {@code equals}, {@code hashCode} or {@code toString} redeclared: left alone. */
    OBJECT,
    /** A method of a class, enum or record: gogoscope annotations do not belong there. */
    NOT_IN_INTERFACE
  }

  /** The positions of the policy annotations on the method ({@code @Retry}, …), in a fixed order. */
  public List<Position> policyPositions() {
    return Stream.of(
            retry.map(RetrySettings::position),
            timeout.map(TimeoutSettings::position),
            lock.map(LockSettings::position),
            rateLimit.map(RateLimitSettings::position),
            circuitBreaker.map(CircuitBreakerSettings::position),
            bulkhead.map(BulkheadSettings::position))
        .flatMap(Optional::stream)
        .toList();
  }

  /** Whether the method carries any policy annotation. */
  public boolean hasPolicy() {
    return !policyPositions().isEmpty();
  }

  /** Whether the method is generated as a plain call of the delegate (a non-task instance method). */
  public boolean isDelegatable() {
    return kind == Kind.ABSTRACT || kind == Kind.DEFAULT;
  }
}
