package io.gogoscope.observe;

/** Undoes a {@code makeCurrent}; closing twice is harmless. */
@FunctionalInterface
public interface Restore extends AutoCloseable {

  /** Restores nothing. */
  Restore NOTHING = () -> {};

  @Override
  void close();
}
