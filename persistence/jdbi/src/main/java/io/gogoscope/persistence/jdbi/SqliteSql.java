package io.gogoscope.persistence.jdbi;

import java.util.List;

/**
 * SQLite 3.35+: every operation is one statement ({@code INSERT … ON CONFLICT … RETURNING}). SQLite
 * runs one writer at a time per database file, so the upserts are atomic by construction.
 */
final class SqliteSql extends DialectSql {

  @Override
  String serverNow() {
    // 'now' is fixed for the statement. julianday is a double: about 50 µs resolution today, well
    // inside the millisecond kept here. (unixepoch('subsec') needs SQLite 3.42.)
    return "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)";
  }

  @Override
  boolean returning() {
    return true;
  }

  @Override
  List<String> createTables() {
    return List.of(
        """
        CREATE TABLE IF NOT EXISTS {locks} (
          lock_key TEXT NOT NULL PRIMARY KEY,
          owner TEXT,
          fencing INTEGER NOT NULL,
          expires_at INTEGER NOT NULL
        ) WITHOUT ROWID""",
        """
        CREATE TABLE IF NOT EXISTS {rate_limits} (
          rl_key TEXT NOT NULL PRIMARY KEY,
          hits TEXT NOT NULL,
          admitted INTEGER NOT NULL,
          checked_at INTEGER NOT NULL,
          expires_at INTEGER NOT NULL
        ) WITHOUT ROWID""",
        """
        CREATE TABLE IF NOT EXISTS {circuits} (
          name TEXT NOT NULL PRIMARY KEY,
          state TEXT NOT NULL,
          since_seconds INTEGER NOT NULL,
          since_nanos INTEGER NOT NULL,
          version INTEGER NOT NULL,
          writer TEXT NOT NULL
        ) WITHOUT ROWID""");
  }

  @Override
  String acquire() {
    return """
        INSERT INTO {locks} (lock_key, owner, fencing, expires_at)
        VALUES (:key, :owner, 1, {now} + :ttl)
        ON CONFLICT (lock_key) DO UPDATE
          SET owner = excluded.owner, fencing = fencing + 1, expires_at = excluded.expires_at
          WHERE expires_at <= {now}
        RETURNING owner, fencing""";
  }

  @Override
  String checkRate() {
    // See PostgresSql.checkRate for the algorithm. substr with a start below 1 counts from the right
    // in SQLite, hence the max(1, …) when keeping the last max - 1 admissions.
    String admit = """
        CASE WHEN length(hits) < :max * 13 THEN 1
             ELSE CAST(substr(hits, length(hits) - :max * 13 + 1, 13) AS INTEGER) <= {now} - :window END""";
    String stamp = "max({now}, CAST(substr(hits, -13) AS INTEGER))";
    return """
        INSERT INTO {rate_limits} (rl_key, hits, admitted, checked_at, expires_at)
        VALUES (:key, printf('%%013d', {now}), 1, {now}, {now} + :window)
        ON CONFLICT (rl_key) DO UPDATE SET
          admitted = %1$s,
          hits = CASE WHEN %1$s
                      THEN substr(hits, max(1, length(hits) - (:max - 1) * 13 + 1)) || printf('%%013d', %2$s)
                      ELSE hits END,
          checked_at = {now},
          expires_at = CASE WHEN %1$s THEN %2$s + :window ELSE expires_at END
        RETURNING admitted, hits, checked_at"""
        .formatted(admit, stamp);
  }

  @Override
  String publish() {
    return """
        INSERT INTO {circuits} (name, state, since_seconds, since_nanos, version, writer)
        VALUES (:name, :state, :since_s, :since_n, :version, :writer)
        ON CONFLICT (name) DO UPDATE
          SET state = excluded.state, since_seconds = excluded.since_seconds,
              since_nanos = excluded.since_nanos, version = excluded.version, writer = excluded.writer
          WHERE version < excluded.version
        RETURNING writer""";
  }
}
