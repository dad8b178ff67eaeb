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
    NamedSql acquire,
    NamedSql selectLock,
    NamedSql isHeld,
    NamedSql isValid,
    NamedSql extend,
    NamedSql release,
    NamedSql checkRate,
    NamedSql selectRate,
    NamedSql purgeRateLimits,
    NamedSql publish,
    NamedSql selectWriter,
    NamedSql readCircuit,
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
        parse(r.apply(sql.acquire())),
        parse(r.apply(sql.selectLock())),
        parse(r.apply(sql.isHeld())),
        parse(r.apply(sql.isValid())),
        parse(r.apply(sql.extend())),
        parse(r.apply(sql.release())),
        parse(r.apply(sql.checkRate())),
        parse(r.apply(sql.selectRate())),
        parse(r.apply(sql.purgeRateLimits())),
        parse(r.apply(sql.publish())),
        parse(r.apply(sql.selectWriter())),
        parse(r.apply(sql.readCircuit())),
        r.apply(sql.readCircuits()));
  }

  private static NamedSql parse(String text) {
    return text == null ? null : NamedSql.parse(text);
  }

  /** {@link #readCircuits()} for {@code count} names bound as {@code :n0}, {@code :n1}, …. */
  NamedSql readCircuits(int count) {
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < count; i++) {
      names.append(i == 0 ? ":n" : ", :n").append(i);
    }
    return NamedSql.parse(readCircuits.replace("{names}", names));
  }
}
