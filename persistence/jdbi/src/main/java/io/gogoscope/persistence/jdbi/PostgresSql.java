package io.gogoscope.persistence.jdbi;

import java.util.List;

/** PostgreSQL 9.5+: every operation is one statement. */
final class PostgresSql extends DialectSql {

  @Override
  String serverNow() {
    // now() is fixed for the statement (it is the transaction's start, and every statement here runs in its own).
    return "floor(extract(epoch from now()) * 1000)::bigint";
  }

  @Override
  boolean returning() {
    return true;
  }

  @Override
  String sessionId() {
    return "SELECT pg_backend_pid()";
  }

  @Override
  String sessionExists() {
    return "SELECT 1 FROM pg_stat_activity WHERE pid = ?";
  }

  @Override
  String migrationLock() {
    // Two sessions racing CREATE TABLE IF NOT EXISTS can both pass the check and one then fails on
    // the catalog's unique index; an advisory lock held to the end of the transaction orders them.
    return "SELECT pg_advisory_xact_lock(7317106529846140913)";
  }

  @Override
  List<String> createTables() {
    // fillfactor leaves room on each page so the updates (which never touch an indexed column) stay HOT.
    return List.of(
        """
        CREATE TABLE IF NOT EXISTS {locks} (
          lock_key VARCHAR(255) PRIMARY KEY,
          owner VARCHAR(64),
          fencing BIGINT NOT NULL,
          expires_at BIGINT NOT NULL
        ) WITH (fillfactor = 70)""",
        """
        CREATE TABLE IF NOT EXISTS {rate_limits} (
          rl_key VARCHAR(255) PRIMARY KEY,
          hits TEXT NOT NULL,
          admitted BOOLEAN NOT NULL,
          checked_at BIGINT NOT NULL,
          expires_at BIGINT NOT NULL
        ) WITH (fillfactor = 70)""",
        """
        CREATE TABLE IF NOT EXISTS {circuits} (
          name VARCHAR(255) PRIMARY KEY,
          state VARCHAR(16) NOT NULL,
          since_seconds BIGINT NOT NULL,
          since_nanos INTEGER NOT NULL,
          version BIGINT NOT NULL,
          writer VARCHAR(64) NOT NULL
        )""");
  }

  @Override
  String acquire() {
    // ON CONFLICT locks the existing row and evaluates the WHERE on its latest committed version, so
    // two acquirers of an expired lease cannot both win; when the WHERE fails nothing is written and
    // RETURNING yields no row.
    return """
        INSERT INTO {locks} AS l (lock_key, owner, fencing, expires_at)
        VALUES (:key, :owner, 1, {now} + :ttl)
        ON CONFLICT (lock_key) DO UPDATE
          SET owner = EXCLUDED.owner, fencing = l.fencing + 1, expires_at = EXCLUDED.expires_at
          WHERE l.expires_at <= {now}
        RETURNING owner, fencing""";
  }

  @Override
  String checkRate() {
    // The row keeps the last max admission times (see HitLog). The call is admitted when fewer than
    // max are kept or the max-th most recent one has left the window; CASE keeps substr from running
    // on a log shorter than max. Each admission is stamped no earlier than the newest kept one, so
    // the log stays sorted when two checks reach the row lock out of clock order.
    String admit = """
        CASE WHEN length(r.hits) < :max * 13 THEN TRUE
             ELSE substr(r.hits, length(r.hits) - :max * 13 + 1, 13)::bigint <= {now} - :window END""";
    String stamp = "greatest({now}, right(r.hits, 13)::bigint)";
    return """
        INSERT INTO {rate_limits} AS r (rl_key, hits, admitted, checked_at, expires_at)
        VALUES (:key, lpad(({now})::text, 13, '0'), TRUE, {now}, {now} + :window)
        ON CONFLICT (rl_key) DO UPDATE SET
          admitted = %1$s,
          hits = CASE WHEN %1$s
                      THEN right(r.hits, (:max - 1) * 13) || lpad((%2$s)::text, 13, '0')
                      ELSE r.hits END,
          checked_at = {now},
          expires_at = CASE WHEN %1$s THEN %2$s + :window ELSE r.expires_at END
        RETURNING admitted, hits, checked_at"""
        .formatted(admit, stamp);
  }

  @Override
  String publish() {
    return """
        INSERT INTO {circuits} AS c (name, state, since_seconds, since_nanos, version, writer)
        VALUES (:name, :state, :since_s, :since_n, :version, :writer)
        ON CONFLICT (name) DO UPDATE
          SET state = EXCLUDED.state, since_seconds = EXCLUDED.since_seconds,
              since_nanos = EXCLUDED.since_nanos, version = EXCLUDED.version, writer = EXCLUDED.writer
          WHERE c.version < EXCLUDED.version
        RETURNING writer""";
  }
}
