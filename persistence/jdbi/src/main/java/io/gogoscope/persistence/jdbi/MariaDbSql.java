package io.gogoscope.persistence.jdbi;

import java.util.List;

/**
 * MariaDB and MySQL: {@code INSERT … ON DUPLICATE KEY UPDATE}, with {@code RETURNING} on MariaDB
 * 10.5+ (one statement per operation; it returns the row as left, also when the update changed
 * nothing). MySQL has no {@code RETURNING}, so there the stores read the row back in the same
 * transaction.
 *
 * <p>MySQL evaluates {@code ON DUPLICATE KEY UPDATE} assignments left to right, each seeing the
 * columns already assigned, while MariaDB's {@code SIMULTANEOUS_ASSIGNMENT} mode makes each see the
 * old row. Every update below is written to mean the same under both: each condition reads only
 * columns assigned after it (the condition's column is assigned last).
 */
final class MariaDbSql extends DialectSql {

  private final boolean returning;

  MariaDbSql(boolean returning) {
    this.returning = returning;
  }

  @Override
  String serverNow() {
    // UTC_TIMESTAMP is fixed for the statement and needs no time zone conversion (UNIX_TIMESTAMP(NOW())
    // would be ambiguous in the hour a daylight-saving zone repeats).
    return "(TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(6)) DIV 1000)";
  }

  @Override
  boolean returning() {
    return returning;
  }

  @Override
  String sessionId() {
    return "SELECT CONNECTION_ID()";
  }

  @Override
  String sessionExists() {
    // Without the PROCESS privilege a user sees its own sessions, which is all this asks about.
    return "SELECT 1 FROM information_schema.PROCESSLIST WHERE ID = ?";
  }

  @Override
  List<String> createTables() {
    // Binary collation: 'a' and 'A' are two keys. MariaDB's no-pad one also tells 'a' from 'a ';
    // the MySQL dialect (also run on older MariaDB) takes utf8mb4_bin, which both have, where keys
    // differing only in trailing spaces share a row (one lock for both: safe, never a double grant).
    String key = "VARCHAR(255) CHARACTER SET utf8mb4 COLLATE " + (returning ? "utf8mb4_nopad_bin" : "utf8mb4_bin");
    return List.of(
        """
        CREATE TABLE IF NOT EXISTS {locks} (
          lock_key %1$s NOT NULL PRIMARY KEY,
          owner VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
          fencing BIGINT NOT NULL,
          expires_at BIGINT NOT NULL
        ) ENGINE = InnoDB""".formatted(key),
        """
        CREATE TABLE IF NOT EXISTS {rate_limits} (
          rl_key %1$s NOT NULL PRIMARY KEY,
          hits MEDIUMTEXT CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
          admitted BOOLEAN NOT NULL,
          checked_at BIGINT NOT NULL,
          expires_at BIGINT NOT NULL
        ) ENGINE = InnoDB""".formatted(key),
        """
        CREATE TABLE IF NOT EXISTS {circuits} (
          name %1$s NOT NULL PRIMARY KEY,
          state VARCHAR(16) CHARACTER SET ascii NOT NULL,
          since_seconds BIGINT NOT NULL,
          since_nanos INT NOT NULL,
          version BIGINT NOT NULL,
          writer VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
        ) ENGINE = InnoDB""".formatted(key));
  }

  @Override
  String acquire() {
    // The duplicate row is locked for the update, so concurrent acquirers of an expired lease are
    // ordered and only the first sees it expired. A free row has expires_at = 0.
    String free = "expires_at <= {now}";
    return """
        INSERT INTO {locks} (lock_key, owner, fencing, expires_at)
        VALUES (:key, :owner, 1, {now} + :ttl)
        ON DUPLICATE KEY UPDATE
          fencing = IF(%1$s, fencing + 1, fencing),
          owner = IF(%1$s, :owner, owner),
          expires_at = IF(%1$s, {now} + :ttl, expires_at)""".formatted(free)
        + returningClause("owner, fencing");
  }

  @Override
  String checkRate() {
    // See PostgresSql.checkRate for the algorithm; IF keeps SUBSTRING from running on a log shorter
    // than max (an empty CAST is an error in strict mode).
    String admit = "IF(LENGTH(hits) < :max * 13, TRUE,"
        + " CAST(SUBSTRING(hits, LENGTH(hits) - :max * 13 + 1, 13) AS SIGNED) <= {now} - :window)";
    String stamp = "GREATEST({now}, CAST(RIGHT(hits, 13) AS SIGNED))";
    return """
        INSERT INTO {rate_limits} (rl_key, hits, admitted, checked_at, expires_at)
        VALUES (:key, LPAD({now}, 13, '0'), TRUE, {now}, {now} + :window)
        ON DUPLICATE KEY UPDATE
          admitted = %1$s,
          checked_at = {now},
          expires_at = IF(%1$s, %2$s + :window, expires_at),
          hits = IF(%1$s, CONCAT(RIGHT(hits, (:max - 1) * 13), LPAD(%2$s, 13, '0')), hits)"""
        .formatted(admit, stamp)
        + returningClause("admitted, hits, checked_at");
  }

  @Override
  String publish() {
    String newer = "version < :version";
    return """
        INSERT INTO {circuits} (name, state, since_seconds, since_nanos, version, writer)
        VALUES (:name, :state, :since_s, :since_n, :version, :writer)
        ON DUPLICATE KEY UPDATE
          state = IF(%1$s, :state, state),
          since_seconds = IF(%1$s, :since_s, since_seconds),
          since_nanos = IF(%1$s, :since_n, since_nanos),
          writer = IF(%1$s, :writer, writer),
          version = IF(%1$s, :version, version)""".formatted(newer)
        + returningClause("writer");
  }

  private String returningClause(String columns) {
    return returning ? "\nRETURNING " + columns : "";
  }
}
