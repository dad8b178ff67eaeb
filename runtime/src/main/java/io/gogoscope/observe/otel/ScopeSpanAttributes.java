package io.gogoscope.observe.otel;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The attributes gogoscope puts on its spans (go-go-scope's names), for code that reads spans back:
 * exporters, tests, the console trace tree in the examples.
 */
public final class ScopeSpanAttributes {
  private ScopeSpanAttributes() {}

  /** The scope's timeout in milliseconds; absent when it has none. */
  public static final AttributeKey<Long> SCOPE_TIMEOUT = AttributeKey.longKey("scope.timeout");

  /** Whether the scope has a parent scope. */
  public static final AttributeKey<Boolean> SCOPE_HAS_PARENT_SCOPE =
      AttributeKey.booleanKey("scope.has_parent_scope");

  /** The scope's concurrency limit; absent when it has none. */
  public static final AttributeKey<Long> SCOPE_CONCURRENCY =
      AttributeKey.longKey("scope.concurrency");

  /** How long the scope was open, in milliseconds (fractional). */
  public static final AttributeKey<Double> SCOPE_DURATION_MS =
      AttributeKey.doubleKey("scope.duration_ms");

  /**
   * Why the scope was cancelled (the reason's type, e.g. {@code ScopeTimedOut}); absent when it
   * never was. A gogoscope addition to go-go-scope's set.
   */
  public static final AttributeKey<String> SCOPE_CANCEL_REASON =
      AttributeKey.stringKey("scope.cancel_reason");

  /** The task's position among its scope's tasks, from 0. */
  public static final AttributeKey<Long> TASK_INDEX = AttributeKey.longKey("task.index");

  /** Whether a retry policy applies to the task. */
  public static final AttributeKey<Boolean> TASK_HAS_RETRY = AttributeKey.booleanKey("task.has_retry");

  /** Whether a timeout applies to the task. */
  public static final AttributeKey<Boolean> TASK_HAS_TIMEOUT =
      AttributeKey.booleanKey("task.has_timeout");

  /** Whether a circuit breaker applies to the task. */
  public static final AttributeKey<Boolean> TASK_HAS_CIRCUIT_BREAKER =
      AttributeKey.booleanKey("task.has_circuit_breaker");

  /** How long the task ran, in milliseconds (fractional). */
  public static final AttributeKey<Double> TASK_DURATION_MS =
      AttributeKey.doubleKey("task.duration_ms");

  /** How many times the task was retried (attempts minus one); set on tasks with a retry policy. */
  public static final AttributeKey<Long> TASK_RETRY_ATTEMPTS =
      AttributeKey.longKey("task.retry_attempts");

  /**
   * Why the task failed: {@code timeout}, {@code cancelled}, {@code circuit_breaker_open},
   * {@code rate_limited}, {@code lock_unavailable}, {@code bulkhead_full} or {@code exception}
   * ({@link io.gogoscope.ScopeError#kind()}); absent on success.
   */
  public static final AttributeKey<String> TASK_ERROR_REASON =
      AttributeKey.stringKey("task.error_reason");

  /** The name of the span event recorded for each failed attempt that is retried. */
  public static final String RETRY_EVENT = "retry";

  /** On a {@link #RETRY_EVENT}: the number of the attempt that failed, from 1. */
  public static final AttributeKey<Long> RETRY_ATTEMPT = AttributeKey.longKey("retry.attempt");

  /** On a {@link #RETRY_EVENT}: the wait before the next attempt, in milliseconds. */
  public static final AttributeKey<Long> RETRY_DELAY_MS = AttributeKey.longKey("retry.delay_ms");

  /** On a {@link #RETRY_EVENT}: why the attempt failed (as {@link #TASK_ERROR_REASON}). */
  public static final AttributeKey<String> RETRY_ERROR_REASON =
      AttributeKey.stringKey("retry.error_reason");

  /** The name of the span event recorded on the current span when a circuit breaker changes state. */
  public static final String CIRCUIT_STATE_EVENT = "circuit_breaker.state_change";

  /** On a {@link #CIRCUIT_STATE_EVENT}: the breaker's name. */
  public static final AttributeKey<String> CIRCUIT_NAME = AttributeKey.stringKey("circuit_breaker.name");

  /** On a {@link #CIRCUIT_STATE_EVENT}: the state it left ({@code closed}, {@code open}, {@code half_open}). */
  public static final AttributeKey<String> CIRCUIT_FROM = AttributeKey.stringKey("circuit_breaker.from");

  /** On a {@link #CIRCUIT_STATE_EVENT}: the state it entered. */
  public static final AttributeKey<String> CIRCUIT_TO = AttributeKey.stringKey("circuit_breaker.to");
}
