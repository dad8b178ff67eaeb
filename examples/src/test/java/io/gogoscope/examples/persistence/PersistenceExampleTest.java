package io.gogoscope.examples.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.examples.persistence.StoreSettings.Backend;
import io.gogoscope.testing.RequiresServerExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.KeysScanOptions;
import org.redisson.config.Config;

/**
 * The persistence example, run as the README runs it on each backend (SQLite always; Redis,
 * PostgreSQL and MariaDB when they are up, required under {@code CI=true}): the same code prints
 * the same story everywhere, and removes its file, tables or keys at the end.
 */
@Timeout(120)
class PersistenceExampleTest {

  @ParameterizedTest
  @EnumSource(Backend.class)
  void bothInstancesSeeTheLocksCountsAndBreakerOfTheOtherAndNothingIsLeftBehind(Backend backend) throws Exception {
    requireServer(backend);
    StoreSettings settings = StoreSettings.defaults(backend);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String description;
    String prefix;
    try (ExampleStores stores = ExampleStores.open(settings)) {
      description = stores.description();
      prefix = stores.prefix();
      new PersistenceExample(stores, new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
    }
    String printed = bytes.toString(StandardCharsets.UTF_8);

    assertThat(printed)
        .contains("store: " + description)
        .contains("B settle(inv-17) -> invoice:inv-17 is held by another instance, try later")
        .contains("B settle(inv-18) -> settled inv-18 on B")
        .contains("A settle(inv-17) -> settled inv-17 on A")
        .contains("A quote(acme) -> acme pays 119.00 EUR (quoted on A)")
        .containsPattern("B quote\\(acme\\) -> rate limited, retry in ([1-9]|[1-5][0-9]|60) s")
        .contains("B quote(globex) -> globex pays 42.00 EUR (quoted on B)")
        .contains("A transfer(inv-17) -> bank unavailable: the bank did not answer on A")
        .contains("A transfer(inv-17) -> circuit bank is open, not sent")
        .contains("B heard from the store: circuit bank CLOSED -> OPEN")
        .contains("B transfer(inv-18) -> circuit bank is open, not sent (B's bank calls: 0)");
    if (backend == Backend.REDIS) {
      assertThat(printed)
          .contains(prefix + "lock:{invoice:inv-17}:fence")
          .contains(prefix + "rate:{customer:acme}")
          .contains(prefix + "circuit:{bank}");
    } else {
      assertThat(printed)
          .contains(prefix + "locks: invoice:inv-17 (fencing token 1, free), invoice:inv-18 (fencing token 1, free)")
          .contains(prefix + "rate_limits: customer:acme, customer:globex")
          .contains(prefix + "circuits: bank (OPEN)");
    }
    assertThat(leftovers(settings, description, prefix)).as("left behind").isEmpty();
  }

  private static void requireServer(Backend backend) {
    switch (backend) {
      case SQLITE -> {}
      case POSTGRES -> RequiresServerExtension.require("PostgreSQL", "127.0.0.1", 5432);
      case MARIADB -> RequiresServerExtension.require("MariaDB", "127.0.0.1", 3306);
      case REDIS -> RequiresServerExtension.require("Redis", "127.0.0.1", 6379);
    }
  }

  /** The run's SQLite files, tables or keys still there. */
  private static List<String> leftovers(StoreSettings settings, String description, String prefix) {
    return switch (settings.backend()) {
      case SQLITE -> {
        String file = description.substring("SQLite file ".length());
        yield Stream.of("", "-wal", "-shm").map(suffix -> file + suffix).filter(name -> Files.exists(Path.of(name))).toList();
      }
      case POSTGRES, MARIADB -> Jdbi.create(settings.url().orElseThrow(), settings.user(), settings.password())
          .withHandle(handle -> handle
              .createQuery("SELECT table_name FROM information_schema.tables WHERE table_name LIKE :prefix")
              .bind("prefix", prefix + "%")
              .mapTo(String.class)
              .list());
      case REDIS -> {
        Config config = new Config();
        config.useSingleServer().setAddress(settings.url().orElseThrow()).setConnectionMinimumIdleSize(1);
        RedissonClient redisson = Redisson.create(config);
        try {
          yield redisson.getKeys().getKeysStream(KeysScanOptions.defaults().pattern(prefix + "*")).toList();
        } finally {
          redisson.shutdown();
        }
      }
    };
  }
}
