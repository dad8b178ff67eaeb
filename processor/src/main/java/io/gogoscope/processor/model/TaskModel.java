package io.gogoscope.processor.model;

import java.util.Optional;

/**
 * A method that becomes a task: what the generated code needs beyond the method itself.
 *
 * @param method the method
 * @param taskName its task name (span and metric name, default key)
 * @param baseName the capitalized name its generated members derive from: {@code FetchUser} for
 *     {@code fetchUser}; overloads append their parameter types ({@code FindString})
 * @param union its sealed error union
 * @param attemptTimeout the per-attempt timeout, if any
 * @param overallTimeout the whole-call timeout, if any (from {@code @Timeout(overall)} or a
 *     {@code @ScopeTask(timeout)})
 * @param bulkhead the bulkhead, if any: the method's {@code @Bulkhead}, else its interface's
 */
public record TaskModel(
    MethodModel method,
    String taskName,
    String baseName,
    ErrorUnion union,
    Optional<Setting<String>> attemptTimeout,
    Optional<Setting<String>> overallTimeout,
    Optional<BulkheadSettings> bulkhead) {

  /** The circuit breaker's name: as given, else the task name. */
  public Optional<String> breakerName() {
    return method.circuitBreaker()
        .map(breaker -> breaker.name().value().isEmpty() ? taskName : breaker.name().value());
  }

  /** Whether any timeout applies, which gives the union a {@code TimedOut} variant. */
  public boolean hasTimeout() {
    return attemptTimeout.isPresent() || overallTimeout.isPresent();
  }
}
