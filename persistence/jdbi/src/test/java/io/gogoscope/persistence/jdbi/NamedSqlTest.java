package io.gogoscope.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamedSqlTest {

  @Test
  void parametersBecomePlaceholdersInOrderAndMayRepeat() {
    NamedSql sql = NamedSql.parse("UPDATE t SET a = :ttl WHERE k = :key AND o = :owner AND e > :ttl");
    assertThat(sql.jdbc()).isEqualTo("UPDATE t SET a = ? WHERE k = ? AND o = ? AND e > ?");
    assertThat(sql.names()).containsExactly("ttl", "key", "owner", "ttl");
  }

  @Test
  void castsAndQuotedTextStayAsWritten() {
    NamedSql sql = NamedSql.parse(
        "SELECT x::bigint, TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', now()), \"a:b\" FROM t WHERE k = :key_1");
    assertThat(sql.jdbc()).isEqualTo(
        "SELECT x::bigint, TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', now()), \"a:b\" FROM t WHERE k = ?");
    assertThat(sql.names()).containsExactly("key_1");
  }

  @Test
  void aColonNotBeforeANameIsText() {
    NamedSql sql = NamedSql.parse("SELECT ': ' || :n0, 1 :");
    assertThat(sql.jdbc()).isEqualTo("SELECT ': ' || ?, 1 :");
    assertThat(sql.names()).isEqualTo(List.of("n0"));
  }

  @Test
  void anUnterminatedQuoteIsRefused() {
    assertThatThrownBy(() -> NamedSql.parse("SELECT 'open")).hasMessageContaining("unterminated quote");
  }

  @Test
  void everyDialectStatementParsesWithTheParametersItsDocumentationNames() {
    for (SqlDialect dialect : SqlDialect.values()) {
      Statements statements = Statements.render(DialectSql.of(dialect), Tables.withPrefix("p_"), StatementClock.database());
      assertThat(statements.acquire().names()).as(dialect + " acquire").containsOnly("key", "owner", "ttl");
      assertThat(statements.release().names()).as(dialect + " release").containsOnly("key", "owner");
      assertThat(statements.checkRate().names()).as(dialect + " checkRate").containsOnly("key", "max", "window");
      assertThat(statements.readCircuits(2).names()).as(dialect + " readCircuits").containsExactly("n0", "n1");
      assertThat(statements.acquire().jdbc()).as(dialect + " acquire").doesNotContain(":key", ":owner", ":ttl");
    }
  }
}
