package io.gogoscope;

import io.gogoscope.generated.ErrorMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Ways to run several bodies as tasks and combine their results, each in a child scope of the
 * scope given, which is closed before the method returns (so no task outlives the call):
 *
 * <pre>{@code
 * Result<Failure, byte[]> file = Tasks.race(scope, List.of(() -> mirrorEu.get(path), () -> mirrorUs.get(path)));
 * List<Result<Failure, Row>> rows = Tasks.parallel(scope, lookups, 8);
 * }</pre>
 *
 * <p>They live beside {@link Scope}, not in it, as the JDK keeps {@code StructuredTaskScope}'s
 * joining strategies outside the scope: a scope is its lifecycle, forking and cancellation, and
 * these are ways of using it.
 */
public final class Tasks {
  private Tasks() {}

  /**
   * Runs every body in a child scope of {@code scope} and returns the first success; the others are
   * cancelled with {@link CancelReason.LostRace}. When all fail, the error is
   * {@link Failure.AllFailed} with each failure in input order; when the race is cancelled from
   * outside ({@code scope} is cancelled), it is {@link Failure.Cancelled}. Returns after the losers
   * have finished (up to the close grace).
   *
   * @throws IllegalArgumentException when {@code bodies} is empty
   */
  public static <T> Result<Failure, T> race(Scope scope, List<? extends Callable<? extends T>> bodies) {
    return first(scope, "race", bodies, true);
  }

  /**
   * Runs every body in a child scope of {@code scope} and returns the first to finish, success or
   * failure (as {@link java.util.concurrent.CompletableFuture#anyOf}); the others are cancelled
   * with {@link CancelReason.LostRace}.
   *
   * @throws IllegalArgumentException when {@code bodies} is empty
   */
  public static <T> Result<Failure, T> any(Scope scope, List<? extends Callable<? extends T>> bodies) {
    return first(scope, "any", bodies, false);
  }

  /**
   * Runs every body in a child scope of {@code scope}, at most {@code concurrency} at a time, and
   * returns their results in input order. A failure does not stop the others.
   *
   * @throws IllegalArgumentException when {@code concurrency} is below 1
   */
  public static <T> List<Result<Failure, T>> parallel(
      Scope scope, List<? extends Callable<? extends T>> bodies, int concurrency) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(bodies, "bodies");
    if (concurrency < 1) {
      throw new IllegalArgumentException("parallel needs a concurrency of at least 1, got " + concurrency);
    }
    try (Scope group = child(scope, "parallel").concurrency(concurrency).open()) {
      List<Task<Failure, T>> tasks = new ArrayList<>(bodies.size());
      for (Callable<? extends T> body : bodies) {
        tasks.add(group.fork("item", body));
      }
      List<Result<Failure, T>> results = new ArrayList<>(tasks.size());
      for (Task<Failure, T> task : tasks) {
        results.add(task.join());
      }
      return results;
    }
  }

  private static Scope.Builder child(Scope scope, String kind) {
    return Scope.builder(scope.name() + "." + kind).runtime(scope.runtime()).parent(scope);
  }

  private static <T> Result<Failure, T> first(Scope scope, String kind,
      List<? extends Callable<? extends T>> bodies, boolean successOnly) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(bodies, "bodies");
    if (bodies.isEmpty()) {
      throw new IllegalArgumentException(kind + " needs at least one body");
    }
    BlockingQueue<Task<Failure, T>> settled = new LinkedBlockingQueue<>();
    try (Scope group = child(scope, kind).open()) {
      List<Task<Failure, T>> tasks = new ArrayList<>(bodies.size());
      for (Callable<? extends T> body : bodies) {
        tasks.add(group.start("candidate", Objects.requireNonNull(body, "body"),
            ErrorMapper.failure(), settled::add));
      }
      for (int left = tasks.size(); left > 0; left--) {
        Task<Failure, T> done;
        try {
          done = settled.take();
        } catch (InterruptedException e) {
          Thread current = Thread.currentThread();
          current.interrupt();
          CancelReason.Interrupted reason = new CancelReason.Interrupted(current.getName());
          group.cancel(reason);
          return new Result.Err<>(new Failure.Cancelled(reason));
        }
        Result<Failure, T> result = done.join();
        if (result.isOk() || !successOnly) {
          group.cancel(new CancelReason.LostRace(done.name() + "-" + done.index()));
          return result;
        }
      }
      CancelReason reason = group.cancelReasonOrNull();
      if (reason != null) {
        return new Result.Err<>(new Failure.Cancelled(reason));
      }
      List<Failure> failures = new ArrayList<>(tasks.size());
      for (Task<Failure, T> task : tasks) {
        failures.add(task.join().errorIfAny().orElseThrow());
      }
      return new Result.Err<>(new Failure.AllFailed(failures));
    }
  }
}
