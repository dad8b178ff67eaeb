package io.gogoscope.store;

/**
 * The three stores of one backend, handed to a runtime together with
 * {@link io.gogoscope.ScopeRuntime.Builder#stores(Stores)}. The Redis and SQL modules' store
 * factories ({@code RedisStores}, {@code JdbiStores}) implement it, so moving from one backend to
 * another changes the line that builds the stores and nothing else:
 *
 * <pre>{@code
 * JdbiStores sqlite = JdbiStores.sqlite(file).build();
 * sqlite.migrate();
 * ScopeRuntime runtime = ScopeRuntime.builder().stores(sqlite).build();
 * // later, on many instances: ScopeRuntime.builder().stores(RedisStores.create(redisson)).build()
 * }</pre>
 */
public interface Stores {

  /** The lock provider. */
  LockProvider lockProvider();

  /** The rate-limit store. */
  RateLimitStore rateLimitStore();

  /** The circuit-state store. */
  CircuitStateStore circuitStateStore();
}
