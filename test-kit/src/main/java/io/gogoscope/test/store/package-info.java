/**
 * Stores with injected faults: wrappers around any {@link io.gogoscope.store.LockProvider},
 * {@link io.gogoscope.store.RateLimitStore} or {@link io.gogoscope.store.CircuitStateStore} that
 * make it go down, slow down, or fail every n-th call, switched while a test runs
 * ({@link io.gogoscope.test.store.Faults}); {@link io.gogoscope.test.store.FaultyStores} wraps
 * all three of a backend, or fresh in-memory ones.
 *
 * <p>Used by: users testing how their code behaves when a store fails, and store implementors.
 */
package io.gogoscope.test.store;
