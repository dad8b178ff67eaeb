package io.gogoscope.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.gogoscope.testing.RequiresServerExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(60)
class StatementDeadlinesTest {

  @Test
  void theTickIsATenthOfTheTimeoutBetween10And100Milliseconds() {
    assertThat(StatementDeadlines.tick(Duration.ofMillis(1))).isEqualTo(Duration.ofMillis(10));
    assertThat(StatementDeadlines.tick(Duration.ofMillis(500))).isEqualTo(Duration.ofMillis(50));
    assertThat(StatementDeadlines.tick(Duration.ofSeconds(5))).isEqualTo(Duration.ofMillis(100));
  }

  @ParameterizedTest
  @EnumSource(value = SqlDialect.class, names = {"POSTGRESQL", "MARIADB"})
  void aStatementPastItsDeadlineIsCancelledWithinATick(SqlDialect dialect) throws Exception {
    Duration timeout = Duration.ofMillis(300);
    try (HikariDataSource pool = pool(dialect);
        StatementDeadlines deadlines = new StatementDeadlines(timeout);
        Connection connection = pool.getConnection();
        PreparedStatement sleep = connection.prepareStatement(sleepSql(dialect, 10))) {
      long start = System.nanoTime();
      StatementDeadlines.Watch watch = deadlines.watch(sleep);
      try {
        assertThatThrownBy(sleep::executeQuery).isInstanceOf(SQLException.class);
      } finally {
        watch.close();
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(watch.cancelled()).isTrue();
      assertThat(took).isGreaterThanOrEqualTo(timeout).isLessThan(timeout.plusSeconds(2));
      assertThat(deadlines.running()).isZero();
      // The connection serves the next statement normally: the cancel did not outlive its statement.
      try (PreparedStatement next = connection.prepareStatement(sleepSql(dialect, 0))) {
        next.executeQuery().close();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = SqlDialect.class, names = {"POSTGRESQL", "MARIADB"})
  void aStatementThatEndedBeforeItsDeadlineIsNeverCancelled(SqlDialect dialect) throws Exception {
    try (HikariDataSource pool = pool(dialect);
        StatementDeadlines deadlines = new StatementDeadlines(Duration.ofMillis(100));
        Connection connection = pool.getConnection()) {
      StatementDeadlines.Watch watch;
      try (PreparedStatement quick = connection.prepareStatement(sleepSql(dialect, 0))) {
        watch = deadlines.watch(quick);
        quick.executeQuery().close();
        watch.close();
      }
      assertThat(deadlines.running()).isZero();
      // A later statement on the same connection outlives the first one's deadline untouched.
      try (PreparedStatement later = connection.prepareStatement(sleepSql(dialect, 0.4))) {
        later.executeQuery().close();
      }
      assertThat(watch.cancelled()).isFalse();
    }
  }

  /**
   * Idle stores cost nothing: with no statement running the scanning thread parks without a timeout
   * (no wake-ups at all), and the next statement wakes it to be timed like any other.
   */
  @ParameterizedTest
  @EnumSource(value = SqlDialect.class, names = {"POSTGRESQL", "MARIADB"})
  void anIdleScannerSleepsUntilTheNextStatementWakesIt(SqlDialect dialect) throws Exception {
    Duration timeout = Duration.ofMillis(200);
    try (HikariDataSource pool = pool(dialect);
        StatementDeadlines deadlines = new StatementDeadlines(timeout);
        Connection connection = pool.getConnection()) {
      await().atMost(Duration.ofSeconds(10)).until(deadlines::sleepsUntilNextStatement);
      long ticks = deadlines.ticks();
      Thread.sleep(StatementDeadlines.tick(timeout).multipliedBy(10).toMillis()); // ten ticks of idling, watched
      assertThat(deadlines.ticks()).as("wake-ups while no statement ran").isEqualTo(ticks);
      assertThat(deadlines.sleepsUntilNextStatement()).isTrue();

      try (PreparedStatement sleep = connection.prepareStatement(sleepSql(dialect, 10))) {
        StatementDeadlines.Watch watch = deadlines.watch(sleep);
        try {
          assertThatThrownBy(sleep::executeQuery).isInstanceOf(SQLException.class);
        } finally {
          watch.close();
        }
        assertThat(watch.cancelled()).as("the woken scanner cancelled the statement past its deadline").isTrue();
      }
      assertThat(deadlines.ticks()).as("ticks while the statement ran").isGreaterThan(ticks);
      await().atMost(Duration.ofSeconds(10)).until(deadlines::sleepsUntilNextStatement);
    }
  }

  private static String sleepSql(SqlDialect dialect, double seconds) {
    return dialect == SqlDialect.POSTGRESQL ? "SELECT pg_sleep(" + seconds + ")" : "SELECT SLEEP(" + seconds + ")";
  }

  private static HikariDataSource pool(SqlDialect dialect) {
    if (dialect == SqlDialect.POSTGRESQL) {
      RequiresServerExtension.require("PostgreSQL", "127.0.0.1", 5432);
      return SqlBackend.pool(SqlBackend.POSTGRES_URL, "postgres", 1);
    }
    RequiresServerExtension.require("MariaDB", "127.0.0.1", 3306);
    return SqlBackend.pool(SqlBackend.MARIADB_URL, "root", 1);
  }
}
