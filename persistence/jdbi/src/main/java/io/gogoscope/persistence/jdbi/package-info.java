/**
 * Stores on a SQL database through Jdbi: {@link io.gogoscope.persistence.jdbi.JdbiStores} builds
 * the lock provider, rate-limit store and circuit-state store of one database, in the
 * {@link io.gogoscope.persistence.jdbi.SqlDialect} of PostgreSQL, MariaDB/MySQL or SQLite.
 *
 * <p>Used by: users, who hand {@code JdbiStores} to {@code ScopeRuntime.builder().stores(...)} (or
 * let the Spring Boot starter do it). The other types here are its implementation.
 */
package io.gogoscope.persistence.jdbi;
