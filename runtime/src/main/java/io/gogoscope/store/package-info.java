/**
 * Where policies shared across processes keep their state: a
 * {@link io.gogoscope.store.LockProvider} hands out {@link io.gogoscope.store.Lease}s, a
 * {@link io.gogoscope.store.RateLimitStore} counts calls, a
 * {@link io.gogoscope.store.CircuitStateStore} shares a breaker's state;
 * {@link io.gogoscope.store.Stores} bundles the three of one backend. The in-memory ones here serve
 * one process; {@code gogoscope-redis} and {@code gogoscope-jdbi} serve many.
 *
 * <p>Used by: users (choosing a backend, wrapping a lock provider in a
 * {@link io.gogoscope.store.WatchdogLockProvider}) and store implementors, who implement these
 * interfaces with the helpers of {@link io.gogoscope.store.spi} and prove them with the test kit's
 * {@code io.gogoscope.store.contract} suite.
 */
package io.gogoscope.store;
