/**
 * The store contract suite: the behaviour every {@link io.gogoscope.store.LockProvider},
 * {@link io.gogoscope.store.RateLimitStore} and {@link io.gogoscope.store.CircuitStateStore} must
 * show, whatever its backend. A store for another database proves itself by a test class that
 * extends {@link io.gogoscope.store.contract.LockProviderContract},
 * {@link io.gogoscope.store.contract.RateLimitStoreContract} or
 * {@link io.gogoscope.store.contract.CircuitStateStoreContract} and returns a client of its backend
 * from {@code newClient()}; gogoscope's own in-memory, Redis and SQL stores run the same classes.
 *
 * <p>The suite runs in real time against a real server (TTLs of a few hundred milliseconds, every
 * expected event awaited by polling), so it catches what a mock or a virtual clock would hide: the
 * server's clock, its network, its transactions.
 *
 * <p>Used by: store implementors (in their test sources).
 */
package io.gogoscope.store.contract;
