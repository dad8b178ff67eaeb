package io.gogoscope;

import java.util.function.Supplier;

/** A value made on first use, at most once, by any thread (for defaults a runtime may never need). */
final class Lazy<T> implements Supplier<T> {
  private final Supplier<? extends T> factory;
  private volatile T value;

  private Lazy(Supplier<? extends T> factory) {
    this.factory = factory;
  }

  static <T> Lazy<T> of(Supplier<? extends T> factory) {
    return new Lazy<>(factory);
  }

  static <T> Lazy<T> of(T value) {
    Lazy<T> lazy = new Lazy<>(() -> value);
    lazy.value = value;
    return lazy;
  }

  @Override
  public T get() {
    T v = value;
    if (v == null) {
      synchronized (this) {
        v = value;
        if (v == null) {
          v = factory.get();
          value = v;
        }
      }
    }
    return v;
  }
}
