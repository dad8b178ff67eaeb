/**
 * What users call: {@link io.gogoscope.Scope} runs tasks on virtual threads and never lets them
 * outlive it, {@link io.gogoscope.Guard} runs one call under its policies on the caller's thread,
 * {@link io.gogoscope.ScopeRuntime} holds what they share (stores, observers, configuration), and
 * every outcome is a sealed {@link io.gogoscope.Result} over {@link io.gogoscope.Failure} (or a
 * generated {@link io.gogoscope.ScopeError} union) that a {@code switch} must cover.
 *
 * <p>Used by: users. The public surface is stratified by audience: this package and
 * {@link io.gogoscope.policy}, {@link io.gogoscope.config}, {@link io.gogoscope.observe} and
 * {@link io.gogoscope.store} are for users; {@link io.gogoscope.generated} is what generated code
 * is compiled against; {@link io.gogoscope.store.spi} is for store implementors.
 */
package io.gogoscope;
