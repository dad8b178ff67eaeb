package io.gogoscope.spring.boot;

import io.gogoscope.ScopeRuntime;

/**
 * Adjusts the {@link ScopeRuntime} the starter builds, before it is built: declare a bean of this
 * type to add an observer, a time source, and so on. Customizers run in their {@code @Order}.
 * (To replace the runtime entirely, declare a {@code ScopeRuntime} bean instead.)
 */
@FunctionalInterface
public interface ScopeRuntimeCustomizer {

  /** Adjusts {@code builder}. */
  void customize(ScopeRuntime.Builder builder);
}
