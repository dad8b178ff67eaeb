package io.gogoscope.examples.persistence;

/**
 * Closes several things and keeps going when one fails: the first failure is thrown at the end by
 * {@link #rethrow()}, the others suppressed in it, so none is lost.
 */
final class Closer {
  private RuntimeException failure;

  /** Closes {@code resource}, keeping a failure for {@link #rethrow()}. */
  void close(AutoCloseable resource) {
    run(() -> {
      try {
        resource.close();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("could not close " + resource, e);
      }
    });
  }

  /** Runs {@code step}, keeping a failure for {@link #rethrow()}. */
  void run(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
  }

  /** Throws the first failure, if any. */
  void rethrow() {
    if (failure != null) {
      throw failure;
    }
  }
}
