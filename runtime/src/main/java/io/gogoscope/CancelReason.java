package io.gogoscope;

import java.time.Duration;

/**
 * Why a scope or task was cancelled. Every reason gogoscope hands out ({@link Scope#cancellationReason()},
 * {@link Scope#onCancel}, {@link Failure.Cancelled}, {@link ScopeCancelledException},
 * {@link ScopeError.Cancelled#cancelReason()}, observers) is one of these, so a {@code switch} over
 * it needs no {@code default}:
 *
 * <pre>{@code
 * String why = switch (reason) {
 *   case CancelReason.Requested(var detail) -> "cancelled by hand: " + detail;
 *   case CancelReason.ScopeTimedOut(var scope, var timeout) -> scope + " timed out after " + timeout;
 *   case CancelReason.ScopeClosed(var scope) -> scope + " closed";
 *   case CancelReason.ParentCancelled(var parent, var parentReason) -> parent + " was cancelled";
 *   case CancelReason.LostRace(var winner) -> winner + " won";
 *   case CancelReason.CallTimedOut(var call, var timeout) -> call + " timed out after " + timeout;
 *   case CancelReason.Interrupted(var thread) -> thread + " was interrupted";
 * };
 * }</pre>
 *
 * <p>Code that cancels by hand passes any object it likes as a detail ({@link Scope#cancel(Object)},
 * {@link Task#cancel(Object)}); it arrives as {@link Requested} carrying that object, unless it is
 * itself a {@code CancelReason}, which passes through unchanged.
 */
public sealed interface CancelReason {

  /**
   * The reason for {@code detail} as a user's cancel passed it: {@code detail} itself when it is
   * already a {@code CancelReason}, else {@link Requested Requested(detail)}. The one place a
   * hand-written detail is wrapped, so it is wrapped once however far the reason travels.
   *
   * @param detail what the code that cancelled passed; may be {@code null}
   */
  static CancelReason of(Object detail) {
    return detail instanceof CancelReason reason ? reason : new Requested(detail);
  }

  /**
   * Code cancelled by hand ({@link Scope#cancel(Object)}, {@link Task#cancel(Object)} and their
   * no-argument forms); {@code detail} is what it passed, {@code null} for none.
   */
  record Requested(Object detail) implements CancelReason {}

  /** The scope's own timeout or deadline passed. */
  record ScopeTimedOut(String scope, Duration timeout) implements CancelReason {}

  /** The scope was closed while the task was still running. */
  record ScopeClosed(String scope) implements CancelReason {}

  /** The parent scope {@code parent} was cancelled; {@code reason} is the parent's reason. */
  record ParentCancelled(String parent, CancelReason reason) implements CancelReason {}

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
