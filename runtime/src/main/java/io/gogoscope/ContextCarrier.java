package io.gogoscope;

import io.gogoscope.observe.Restore;

/**
 * Carries the forking thread's context (the SLF4J MDC, and any {@code ThreadLocal} a framework
 * registers) into a forked task's thread, through Micrometer's context-propagation library when it
 * is on the class path; without it, {@link #NONE} carries nothing. OpenTelemetry's context travels
 * separately, through the observer.
 */
abstract class ContextCarrier {

  /** Carries nothing. */
  static final ContextCarrier NONE = new ContextCarrier() {
    @Override
    Object capture() {
      return null;
    }

    @Override
    Restore restore(Object captured) {
      return Restore.NOTHING;
    }
  };

  /** context-propagation's carrier when the library is on the class path, else {@link #NONE}. */
  static ContextCarrier detect() {
    return Present.AVAILABLE ? MicrometerContextCarrier.create() : NONE;
  }

  /** What to carry, captured on the forking thread; {@code null} for nothing. */
  abstract Object capture();

  /** Sets {@code captured} on the current (the task's) thread; closing restores what was there. */
  abstract Restore restore(Object captured);

  /** Whether context-propagation can be loaded; checked once, by name, so nothing links to it otherwise. */
  private static final class Present {
    static final boolean AVAILABLE = loadable("io.micrometer.context.ContextSnapshotFactory");

    static boolean loadable(String name) {
      try {
        Class.forName(name, false, ContextCarrier.class.getClassLoader());
        return true;
      } catch (ClassNotFoundException | LinkageError absent) {
        return false;
      }
    }
  }
}
