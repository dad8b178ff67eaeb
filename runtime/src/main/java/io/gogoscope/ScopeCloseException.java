package io.gogoscope;

import java.util.List;

/**
 * Thrown by {@link Scope#close()} after it has done all its work, when a registered resource failed
 * to close or tasks were still running after the close grace. The first failure is the cause; the
 * others are {@linkplain #getSuppressed() suppressed}, so none is lost.
 */
public final class ScopeCloseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> abandonedTasks;

  /** Creates the exception; {@code failures} may be empty when only tasks were abandoned. */
  public ScopeCloseException(String scope, List<? extends Throwable> failures, List<String> abandonedTasks) {
    super(message(scope, failures, abandonedTasks), failures.isEmpty() ? null : failures.get(0));
    for (int i = 1; i < failures.size(); i++) {
      addSuppressed(failures.get(i));
    }
    this.abandonedTasks = List.copyOf(abandonedTasks);
  }

  /** Names of tasks still running when the close grace ran out. */
  public List<String> abandonedTasks() {
    return abandonedTasks;
  }

  private static String message(String scope, List<? extends Throwable> failures, List<String> abandoned) {
    StringBuilder message = new StringBuilder("closing scope '").append(scope).append("': ");
    if (!failures.isEmpty()) {
      message.append(failures.size()).append(" resource(s) failed to close");
    }
    if (!abandoned.isEmpty()) {
      message.append(failures.isEmpty() ? "" : "; ")
          .append(abandoned.size()).append(" task(s) still running after the close grace: ")
          .append(abandoned);
    }
    return message.toString();
  }
}
