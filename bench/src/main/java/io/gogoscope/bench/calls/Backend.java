package io.gogoscope.bench.calls;

import java.io.IOException;

/**
 * The call every variant guards: a cheap method with an honest checked exception. Its cost is a
 * few nanoseconds, so what a benchmark measures is the guard around it.
 */
final class Backend {

  /**
   * The failure of {@link #fetchFlaky}: one instance without a stack trace, thrown by every
   * variant alike, so the figures compare the libraries' retry work and not the JVM's stack walks.
   */
  static final IOException FAILURE = new StacklessIOException();

  // A long: at a few ns per call an int wraps within seconds, and a negative count breaks the
  // two-failures-then-success pattern (-2147483648 % 3 is -2), failing three times in a row.
  private long calls;

  /** Succeeds. */
  int fetch(int id) throws IOException {
    return id + 1;
  }

  /** Fails the first two of every three calls, then succeeds. */
  int fetchFlaky(int id) throws IOException {
    if (++calls % 3 != 0) {
      throw FAILURE;
    }
    return id + 1;
  }

  /** How many times {@link #fetchFlaky} ran. */
  long flakyCalls() {
    return calls;
  }

  private static final class StacklessIOException extends IOException {
    StacklessIOException() {
      super("transient failure (benchmark)");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this; // no stack: the same cheap exception for every library under test
    }
  }
}
