/**
 * The policies a {@link io.gogoscope.Guard} applies to a call: {@link io.gogoscope.policy.Retry},
 * {@link io.gogoscope.policy.CircuitBreaker} (local, or shared through a
 * {@link io.gogoscope.store.CircuitStateStore}) and {@link io.gogoscope.policy.Bulkhead}.
 *
 * <p>Used by: users building guards by hand, and generated code (one per annotated method, built
 * once in the implementation's constructor).
 */
package io.gogoscope.policy;
