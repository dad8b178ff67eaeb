package io.gogoscope;

/**
 * Reports an exception that has no caller to return to (a broken listener or hook, a failed lease
 * release after the call's work is done) to the current thread's uncaught-exception handler, which
 * by default prints it: seen, and never lost, without changing what the runtime does next.
 */
final class Uncaught {
  private Uncaught() {}

  static void report(Throwable failure) {
    Thread current = Thread.currentThread();
    current.getUncaughtExceptionHandler().uncaughtException(current, failure);
  }
}
