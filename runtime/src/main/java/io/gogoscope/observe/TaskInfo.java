package io.gogoscope.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * What an observer learns about a task or guarded call (the span attributes {@code task.*}).
 *
 * @param name the task's name (the {@code @ScopeTask} name for generated calls)
 * @param index its position among its scope's tasks, from 0 ({@code 0} outside a scope)
 * @param hasRetry whether a retry policy applies
 * @param hasTimeout whether a timeout applies
 * @param hasCircuitBreaker whether a circuit breaker applies
 * @param attributes extra attributes ({@code @SpanAttribute} parameters), given to a sink on demand
 *     so that an unobserved call computes none; {@link TaskAttributes#NONE} for none
 */
public record TaskInfo(
    String name,
    int index,
    boolean hasRetry,
    boolean hasTimeout,
    boolean hasCircuitBreaker,
    TaskAttributes attributes) {

  /** Extra attributes of a task, written into a sink only when an observer asks for them. */
  @FunctionalInterface
  public interface TaskAttributes {
    /** No attributes. */
    TaskAttributes NONE = sink -> {};

    /** Writes each attribute as a key and a value (String, Long, Double or Boolean; others as text). */
    void writeTo(BiConsumer<String, Object> sink);

    /**
     * The attributes of a hand-written task, in the map's iteration order; {@code null} values are
     * dropped. The map is copied, so later changes to it do not reach the task.
     *
     * <pre>{@code
     * scope.fork("fetch-user", TaskAttributes.of(Map.of("user.id", id)), () -> fetchUser(id));
     * }</pre>
     */
    static TaskAttributes of(Map<String, ?> attributes) {
      List<Map.Entry<String, Object>> copy = new ArrayList<>(attributes.size());
      attributes.forEach(
          (key, value) -> {
            if (key == null) {
              throw new IllegalArgumentException(
                  "a task attribute needs a key; got null for the value " + value);
            }
            if (value != null) {
              copy.add(Map.entry(key, value));
            }
          });
      if (copy.isEmpty()) {
        return NONE;
      }
      List<Map.Entry<String, Object>> entries = List.copyOf(copy);
      return sink -> entries.forEach(entry -> sink.accept(entry.getKey(), entry.getValue()));
    }
  }
}
