package io.gogoscope.persistence.jdbi;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Runs store work that must complete whether or not the caller is interrupted.
 *
 * <p>Why a thread of its own: interrupting a virtual thread blocked on a socket closes the socket
 * (the JDK's virtual-thread I/O), so a statement interrupted mid-flight breaks its connection, and
 * the same thread cannot run another one while further interrupts may come. A fresh virtual thread
 * is out of reach of every interrupt meant for the caller. The runners hand off to it only after an
 * interrupt broke an operation, never on the success path.
 */
final class Uninterrupted {

  private Uninterrupted() {}

  /**
   * Runs {@code work} on a new virtual thread and waits for it, ignoring interrupts while it waits;
   * an interrupt that came meanwhile is set on the caller again before this returns or throws.
   * {@code work} must be bounded by a timeout of its own (every store operation is).
   *
   * @throws RuntimeException what {@code work} threw
   */
  static <T> T call(String name, Supplier<T> work) {
    FutureTask<T> task = new FutureTask<>(work::get);
    Thread.ofVirtual().name(name).start(task);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException runtime) {
            throw runtime;
          }
          if (e.getCause() instanceof Error error) {
            throw error;
          }
          throw new IllegalStateException("store work threw a checked exception", e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
