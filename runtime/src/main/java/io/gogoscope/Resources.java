package io.gogoscope;

import io.gogoscope.observe.ScopeInfo;
import io.gogoscope.observe.ScopeObserver;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The resources registered with one {@link Scope}, closed when it closes: last-in first-out, each
 * exactly once, one failing not stopping the others. Its scope pushes under its own lock and hands
 * the whole stack here to close once it stops taking registrations, so nothing here is shared.
 */
final class Resources {
  private final ArrayDeque<AutoCloseable> lastFirst = new ArrayDeque<>();

  /** Adds {@code resource}, to be closed before every resource pushed earlier. */
  void push(AutoCloseable resource) {
    lastFirst.push(resource);
  }

  /**
   * Closes every resource, newest first, telling {@code observer} about each when {@code scope} is
   * observed; returns what they threw, in closing order.
   */
  List<Throwable> closeAll(ScopeObserver observer, ScopeInfo scope) {
    List<Throwable> failures = new ArrayList<>();
    for (AutoCloseable resource : lastFirst) { // push() adds at the head: this is last-in first-out
      Throwable failure = null;
      try {
        resource.close();
      } catch (Throwable t) {
        // Every resource must be closed exactly once whatever the others do; Errors are rethrown
        // by the scope once all are closed, exceptions travel in the ScopeCloseException.
        failure = t;
        failures.add(t);
      }
      if (scope != null) {
        observer.resourceDisposed(scope, failure);
      }
    }
    lastFirst.clear();
    return failures;
  }
}
