/**
 * Helpers for implementing a store, so that every backend behaves the same at its edges:
 * {@link io.gogoscope.store.spi.StoreArguments} refuses the same malformed keys and out-of-range
 * durations with the same messages, {@link io.gogoscope.store.spi.CircuitListeners} calls
 * circuit-state listeners without letting one that throws hurt the others.
 *
 * <p>Used by: store implementors (gogoscope's in-memory, Redis and SQL stores use them too). Code
 * that only uses a store never needs this package.
 */
package io.gogoscope.store.spi;
