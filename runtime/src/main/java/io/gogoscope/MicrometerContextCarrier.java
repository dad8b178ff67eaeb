package io.gogoscope;

import io.gogoscope.observe.Restore;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.ThreadLocalAccessor;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;

/**
 * {@link ContextCarrier} through Micrometer's context-propagation: captures every
 * {@link ThreadLocalAccessor} of the global {@link ContextRegistry} (those frameworks register, and
 * those listed for ServiceLoader) when a task is forked, and sets them on the task's thread while
 * its body runs. Loaded only when the library is on the class path.
 *
 * <p>The SLF4J MDC is registered in the global registry (context-propagation's own
 * {@link Slf4jThreadLocalAccessor}) when SLF4J is present and no accessor for it is there yet, so
 * log lines of a forked task carry the request's MDC as the caller's do.
 */
final class MicrometerContextCarrier extends ContextCarrier {
  private final ContextSnapshotFactory snapshots;

  private MicrometerContextCarrier(ContextSnapshotFactory snapshots) {
    this.snapshots = snapshots;
  }

  static ContextCarrier create() {
    ContextRegistry registry = ContextRegistry.getInstance();
    registerMdc(registry);
    // clearMissing: a ThreadLocal the forking thread did not have is cleared in the task, so a
    // pooled or reused thread never shows a value of an earlier task.
    return new MicrometerContextCarrier(
        ContextSnapshotFactory.builder().contextRegistry(registry).clearMissing(true).build());
  }

  private static void registerMdc(ContextRegistry registry) {
    try {
      Class.forName("org.slf4j.MDC", false, MicrometerContextCarrier.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError noSlf4j) {
      return;
    }
    synchronized (MicrometerContextCarrier.class) {
      for (ThreadLocalAccessor<?> accessor : registry.getThreadLocalAccessors()) {
        if (Slf4jThreadLocalAccessor.KEY.equals(accessor.key())) {
          return;
        }
      }
      registry.registerThreadLocalAccessor(new Slf4jThreadLocalAccessor());
    }
  }

  @Override
  Object capture() {
    return snapshots.captureAll();
  }

  @Override
  Restore restore(Object captured) {
    if (captured == null) {
      return Restore.NOTHING;
    }
    ContextSnapshot.Scope scope = ((ContextSnapshot) captured).setThreadLocals();
    return scope::close;
  }
}
