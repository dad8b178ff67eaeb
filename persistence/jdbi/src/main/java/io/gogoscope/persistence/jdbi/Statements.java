package io.gogoscope.persistence.jdbi;

import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

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
    UnaryOperator<String> r = text -> text == null ? null
        : text.replace("{locks}", tables.locks())
            .replace("{rate_limits}", tables.rateLimits())
            .replace("{circuits}", tables.circuits())
            .replace("{now}", now);
    // The statements run on every operation are parsed here, once.
    Function<String, NamedSql> n = text -> text == null ? null : NamedSql.parse(r.apply(text));
    return new Statements(
        sql.createTables().stream().map(r).toList(),
        sql.migrationLock(),
        sql.returning(),
        n.apply(sql.acquire()),
        n.apply(sql.selectLock()),
        n.apply(sql.isHeld()),
        n.apply(sql.isValid()),
        n.apply(sql.extend()),
        n.apply(sql.release()),
        n.apply(sql.checkRate()),
        n.apply(sql.selectRate()),
        n.apply(sql.purgeRateLimits()),
        n.apply(sql.publish()),
        n.apply(sql.selectWriter()),
        n.apply(sql.readCircuit()),
        r.apply(sql.readCircuits()));
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
