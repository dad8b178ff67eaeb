package io.gogoscope;

import java.time.Duration;

/**
 * The reasons gogoscope itself gives when it cancels a scope or task. Code that cancels by hand
 * may pass any object as a reason; these are the ones the runtime uses.
 */
public sealed interface CancelReason {

  /** The scope's own timeout or deadline passed. */
  record ScopeTimedOut(String scope, Duration timeout) implements CancelReason {}

  /** The scope was closed while the task was still running. */
  record ScopeClosed(String scope) implements CancelReason {}

  /** The parent scope was cancelled; {@code reason} is the parent's reason. */
  record ParentCancelled(String parent, Object reason) implements CancelReason {}

  /** Another task won a {@link Tasks#race race} or {@link Tasks#any any}. */
  record LostRace(String winner) implements CancelReason {}

  /**
   * A guarded call ran inside the body of another guarded call (on the same thread), and the outer
   * call's timeout {@code timeout} passed first: the outer call {@code call} stopped the inner one.
   */
  record CallTimedOut(String call, Duration timeout) implements CancelReason {}

  /** The thread that waited (for a task, a permit, a lock, a retry delay) was interrupted. */
  record Interrupted(String thread) implements CancelReason {}
}
