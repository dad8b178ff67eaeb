package io.gogoscope.observe;

import io.gogoscope.observe.TaskInfo.TaskAttributes;

/**
 * An observer's handle for one {@link TaskKind}, resolved once by
 * {@link ScopeObserver#taskObserver} (when a guard is built) and then asked for each task of that
 * kind. It holds what is the same for every such task (meters, a span name, constant attributes),
 * so that {@link #started} does only per-task work.
 */
@FunctionalInterface
public interface TaskObserver {

  /** Observes nothing. */
  TaskObserver NONE = (index, attributes, scope) -> TaskObservation.NONE;

  /**
   * A task of this kind starts, on the thread that will run it.
   *
   * @param index its position among its scope's tasks, from 0 ({@code 0} outside a scope)
   * @param attributes its extra attributes ({@code @SpanAttribute} parameters)
   * @param scope the observation of the scope it runs in ({@link ScopeObservation#NONE} outside)
   */
  TaskObservation started(int index, TaskAttributes attributes, ScopeObservation scope);
}
