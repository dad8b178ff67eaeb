package io.gogoscope;

import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;

/** Recognises the ways blocking code reports that it was interrupted or cancelled. */
final class Interruptions {
  private static final int MAX_CAUSES = 16;

  private Interruptions() {}

  /**
   * {@code true} when {@code failure}, or an exception in its cause chain, is how code says it
   * stopped because it was interrupted or cancelled: {@link InterruptedException},
   * {@link ScopeCancelledException}, {@link ClosedByInterruptException}, or an
   * {@link InterruptedIOException} other than a socket timeout. Callers only ask while a timeout has
   * fired or a cancellation is known, so an exception that merely wraps one is still recognised.
   */
  static boolean isInterruption(Throwable failure) {
    Throwable t = failure;
    for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
      if (t instanceof InterruptedException
          || t instanceof ScopeCancelledException
          || t instanceof ClosedByInterruptException
          || (t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException))) {
        return true;
      }
    }
    return false;
  }
}
