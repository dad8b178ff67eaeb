/**
 * Stores on Redis through Redisson: {@link io.gogoscope.persistence.redis.RedisStores} builds the
 * lock provider, rate-limit store and circuit-state store of one Redis, through a
 * {@code RedissonClient} the application owns; every operation is one Lua script call.
 *
 * <p>Used by: users, who hand {@code RedisStores.create(redisson)} to
 * {@code ScopeRuntime.builder().stores(...)} (or let the Spring Boot starter do it). The other
 * types here are its implementation.
 */
package io.gogoscope.persistence.redis;
