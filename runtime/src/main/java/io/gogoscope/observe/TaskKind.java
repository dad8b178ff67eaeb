package io.gogoscope.observe;

import io.gogoscope.observe.TaskInfo.TaskAttributes;
import java.util.Objects;

/**
 * What every task of one kind shares: its name and policies, known when a guard (or a generated
 * method's guard) is built. An observer resolves its per-kind handles from it once, in
 * {@link ScopeObserver#taskObserver}, so that observing each task costs no lookups and no
 * attribute building.
 *
 * @param name the task's name (the {@code @ScopeTask} name for generated calls)
 * @param hasRetry whether a retry policy applies
 * @param hasTimeout whether a timeout applies
 * @param hasCircuitBreaker whether a circuit breaker applies
 */
public record TaskKind(String name, boolean hasRetry, boolean hasTimeout, boolean hasCircuitBreaker) {

  /** Checks the name. */
  public TaskKind {
    Objects.requireNonNull(name, "name");
  }

  /** The {@link TaskInfo} of one task of this kind. */
  public TaskInfo info(int index, TaskAttributes attributes) {
    return new TaskInfo(name, index, hasRetry, hasTimeout, hasCircuitBreaker, attributes);
  }
}
