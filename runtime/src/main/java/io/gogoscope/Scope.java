package io.gogoscope;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A region of structured concurrency: work forked in a scope runs on virtual threads and never
 * outlives it. Open one with try-with-resources:
 *
 * <pre>{@code
 * try (Scope scope = Scope.builder("load-dashboard").timeout(Duration.ofSeconds(2)).open()) {
 *   Task<Failure, User> user = scope.fork(() -> fetchUser(id));
 *   Task<Failure, List<Order>> orders = scope.fork(() -> fetchOrders(id));
 *   return render(user.join(), orders.join());
 * }
 * }</pre>
 *
 * <ul>
 *   <li><b>Parent.</b> A scope opened inside a task (or inside another open scope on the same
 *       thread) is that scope's child by default; {@link Builder#parent} and
 *       {@link Builder#detached} override it. Cancelling a scope cancels its children, their
 *       children, and every unfinished task in them.
 *   <li><b>Cancellation</b> reaches task code as interruption and as {@link #isCancelled()} with a
 *       {@link #cancellationReason() reason}. A scope's timeout or deadline cancels it with
 *       {@link CancelReason.ScopeTimedOut}.
 *   <li><b>{@link #close()}</b> is idempotent: it cancels what is unfinished, waits for it (up to
 *       the close grace, then reports the stragglers), and disposes {@link #register registered}
 *       resources last-in first-out, each exactly once. A disposal that fails is reported to the
 *       runtime's observer and does not stop the others; after all are disposed, {@code close()}
 *       throws a {@link ScopeCloseException} carrying every failure.
 * </ul>
 *
 * <p>Thread-safe: tasks may fork siblings, register resources and cancel the scope concurrently.
 */
public final class Scope implements AutoCloseable {

  private Scope() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Opens an unnamed scope, child of the current one if there is one. */
  public static Scope open() {
    return builder("scope").open();
  }

  /** Opens a scope named {@code name}, child of the current one if there is one. */
  public static Scope open(String name) {
    return builder(name).open();
  }

  /** Starts configuring a scope named {@code name} on the default runtime. */
  public static Builder builder(String name) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /**
   * The scope the calling code runs in: the scope of the task this thread runs, or the innermost
   * scope opened and not yet closed on this thread.
   *
   * @throws IllegalStateException when the caller runs in no scope
   */
  public static Scope current() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Like {@link #current()}, but empty outside any scope. */
  public static Optional<Scope> currentIfAny() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /**
   * Throws {@link ScopeCancelledException} when the current scope (if any) is cancelled: a
   * cooperative check for code that does not block and so never sees an interrupt.
   */
  public static void throwIfCancelled() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The scope's name, used for its span and thread names. */
  public String name() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The parent scope, if any. */
  public Optional<Scope> parent() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The runtime this scope reports to and takes its stores from. */
  public ScopeRuntime runtime() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Time left until the scope's deadline, if it has one (zero or negative once passed). */
  public Optional<Duration> remaining() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** {@code true} once the scope is cancelled (by hand, by its timeout, its parent, or close). */
  public boolean isCancelled() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Why the scope was cancelled, once it is. */
  public Optional<Object> cancellationReason() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /**
   * Cancels the scope: unfinished tasks are interrupted, child scopes are cancelled with
   * {@link CancelReason.ParentCancelled}, and further forks complete at once as cancelled. Only the
   * first reason counts.
   */
  public void cancel(Object reason) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Runs {@code listener} with the reason when the scope is cancelled (at once if it already is). */
  public void onCancel(Consumer<Object> listener) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /**
   * Registers {@code resource} to be closed when the scope closes, after its tasks have finished,
   * in reverse order of registration.
   *
   * @return {@code resource}, for chaining
   */
  public <R extends AutoCloseable> R register(R resource) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Forks {@code body} on a virtual thread; exceptions become {@link Failure.Thrown}. */
  public <T> Task<Failure, T> fork(Callable<? extends T> body) {
    return fork("scope.task", body);
  }

  /** Forks {@code body} as a task named {@code name}. */
  public <T> Task<Failure, T> fork(String name, Callable<? extends T> body) {
    return fork(name, body, ErrorMapper.failure());
  }

  /** Forks {@code body} as a task named {@code name}, mapping its failures with {@code errors}. */
  public <E, T> Task<E, T> fork(String name, Callable<? extends T> body, ErrorMapper<E> errors) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /**
   * Forks a body that produces its own {@link Result} (a guarded or generated call);
   * {@code errors} is used only when the task is cancelled before its body runs or its body throws.
   */
  public <E, T> Task<E, T> forkResult(
      String name, Supplier<? extends Result<E, T>> body, ErrorMapper<E> errors) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /**
   * Runs every body in a child scope and returns the first success; the others are cancelled with
   * {@link CancelReason.LostRace}. When all fail, the error is {@link Failure.AllFailed} with each
   * failure in input order.
   */
  public <T> Result<Failure, T> race(List<? extends Callable<? extends T>> bodies) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /**
   * Runs every body in a child scope and returns the first to finish, success or failure (as
   * {@link java.util.concurrent.CompletableFuture#anyOf}); the others are cancelled.
   */
  public <T> Result<Failure, T> any(List<? extends Callable<? extends T>> bodies) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /**
   * Runs every body in a child scope, at most {@code concurrency} at a time, and returns their
   * results in input order. A failure does not stop the others.
   */
  public <T> List<Result<Failure, T>> parallel(
      List<? extends Callable<? extends T>> bodies, int concurrency) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Cancels unfinished work, waits for it, disposes resources; idempotent. */
  @Override
  public void close() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Configures a scope before {@link #open() opening} it. */
  public static final class Builder {
    private Builder() {}

    /** Cancels the scope {@code timeout} after it opens. */
    public Builder timeout(Duration timeout) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** Cancels the scope at {@code deadline} (wall clock). */
    public Builder deadline(Instant deadline) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** Runs at most {@code limit} of the scope's tasks at once; the rest wait their turn. */
    public Builder concurrency(int limit) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** Makes {@code parent} the parent instead of the current scope. */
    public Builder parent(Scope parent) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** Opens a root scope even when a current scope exists. */
    public Builder detached() {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** How long {@link Scope#close()} waits for cancelled tasks before reporting them. */
    public Builder closeGrace(Duration grace) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** Uses {@code runtime} (observer, stores, time) instead of the parent's or the default. */
    public Builder runtime(ScopeRuntime runtime) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** Opens the scope; it becomes the current scope of this thread until closed. */
    public Scope open() {
      throw new UnsupportedOperationException("not yet implemented");
    }
  }
}
