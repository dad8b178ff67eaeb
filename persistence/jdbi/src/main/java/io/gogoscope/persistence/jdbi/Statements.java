package io.gogoscope.persistence.jdbi;

import java.util.List;

/**
 * Every statement of one {@link JdbiStores}, rendered once from its dialect, tables and clock.
 *
 * @param returning whether the upserts return their row; otherwise {@code select*} read it back
 */
record Statements(
    List<String> createTables,
    String migrationLock,
    boolean returning,
    String acquire,
    String selectLock,
    String isHeld,
    String isValid,
    String extend,
    String release,
    String checkRate,
    String selectRate,
    String purgeRateLimits,
    String publish,
    String selectWriter,
    String readCircuit,
    String readCircuits) {

  static Statements render(DialectSql sql, Tables tables, StatementClock clock) {
    String now = clock.expression(sql);
    java.util.function.UnaryOperator<String> r = text -> text == null ? null
        : text.replace("{locks}", tables.locks())
            .replace("{rate_limits}", tables.rateLimits())
            .replace("{circuits}", tables.circuits())
            .replace("{now}", now);
    return new Statements(
        sql.createTables().stream().map(r).toList(),
        sql.migrationLock(),
        sql.returning(),
        r.apply(sql.acquire()),
        r.apply(sql.selectLock()),
        r.apply(sql.isHeld()),
        r.apply(sql.isValid()),
        r.apply(sql.extend()),
        r.apply(sql.release()),
        r.apply(sql.checkRate()),
        r.apply(sql.selectRate()),
        r.apply(sql.purgeRateLimits()),
        r.apply(sql.publish()),
        r.apply(sql.selectWriter()),
        r.apply(sql.readCircuit()),
        r.apply(sql.readCircuits()));
  }

  /** {@link #readCircuits()} for {@code count} names bound as {@code :n0}, {@code :n1}, …. */
  String readCircuits(int count) {
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < count; i++) {
      names.append(i == 0 ? ":n" : ", :n").append(i);
    }
    return readCircuits.replace("{names}", names);
  }
}
