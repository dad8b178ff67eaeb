package io.gogoscope.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gogoscope.Result;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.persistence.jdbi.JdbiStores;
import io.gogoscope.persistence.redis.RedisStores;
import io.gogoscope.spring.boot.app.ScopedGreeter;
import io.gogoscope.store.Lease;
import io.gogoscope.store.Stores;
import io.gogoscope.store.StoreException;
import io.gogoscope.testing.RequiresServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The stores of gogoscope.store.type on real backends: an SQLite file, PostgreSQL and Redis on
 * loopback (skipped with a message when a server is down, failed under CI=true).
 */
class StoresTest {

  private static ApplicationContextRunner jdbc(String url) {
    return Contexts.runner()
        .withConfiguration(AutoConfigurations.of(Contexts.dataSourceAutoConfiguration()))
        .withUserConfiguration(Contexts.GreeterApp.class)
        .withPropertyValues("spring.datasource.url=" + url, "gogoscope.store.type=jdbc",
            "gogoscope.store.table-prefix=boot_" + UUID.randomUUID().toString().substring(0, 8) + "_");
  }

  @Test
  void jdbcOnSqliteMigratesWhenAskedAndTakesLocksThere(@TempDir Path folder) {
    Path file = folder.resolve("app.db");
    jdbc("jdbc:sqlite:" + file).withPropertyValues("gogoscope.store.migrate=true").run(context -> {
      assertThat(context).hasSingleBean(JdbiStores.class);
      ScopeRuntime runtime = context.getBean(ScopeRuntime.class);
      assertThat(runtime.lockProvider()).isSameAs(context.getBean(JdbiStores.class).lockProvider());
      assertThat(context.getBean(ScopedGreeter.class).runJob("nightly")).isEqualTo(new Result.Ok<>("ran nightly"));
      Optional<Lease> lease = runtime.lockProvider().tryAcquire("job:held", Duration.ofSeconds(5));
      assertThat(lease).isPresent();
      assertThat(runtime.lockProvider().tryAcquire("job:held", Duration.ofSeconds(5))).isEmpty();
    });
    assertThat(Files.exists(file)).isTrue();
  }

  @Test
  void jdbcWithoutMigrateCreatesNoTables(@TempDir Path folder) {
    jdbc("jdbc:sqlite:" + folder.resolve("app.db")).run(context -> {
      ScopeRuntime runtime = context.getBean(ScopeRuntime.class);
      assertThatThrownBy(() -> runtime.lockProvider().tryAcquire("job:x", Duration.ofSeconds(5)))
          .isInstanceOf(StoreException.class);
    });
  }

  @Test
  void jdbcOnPostgresql() {
    RequiresServerExtension.require("PostgreSQL", "127.0.0.1", 5432);
    jdbc("jdbc:postgresql://127.0.0.1:5432/test")
        .withPropertyValues("spring.datasource.username=postgres", "gogoscope.store.migrate=true").run(context -> {
          assertThat(context.getBean(JdbiStores.class).dialect().name()).isEqualTo("POSTGRESQL");
          ScopeRuntime runtime = context.getBean(ScopeRuntime.class);
          Optional<Lease> lease = runtime.lockProvider().tryAcquire("job:pg", Duration.ofSeconds(5));
          assertThat(lease).isPresent();
          assertThat(runtime.lockProvider().tryAcquire("job:pg", Duration.ofSeconds(5))).isEmpty();
          lease.get().release();
        });
  }

  @Test
  void redisFromTheApplicationsRedissonClient() {
    RequiresServerExtension.require("Redis", "127.0.0.1", 6379);
    Config config = new Config();
    config.useSingleServer().setAddress("redis://127.0.0.1:6379");
    RedissonClient redisson = Redisson.create(config);
    try {
      String prefix = "boot-test-" + UUID.randomUUID() + ":";
      Contexts.runner().withUserConfiguration(Contexts.GreeterApp.class)
          .withBean(RedissonClient.class, () -> redisson, definition -> definition.setDestroyMethodName(""))
          .withPropertyValues("gogoscope.store.type=redis", "gogoscope.store.key-prefix=" + prefix).run(context -> {
            assertThat(context.getBean(RedisStores.class).keyPrefix()).isEqualTo(prefix);
            ScopeRuntime runtime = context.getBean(ScopeRuntime.class);
            Optional<Lease> lease = runtime.lockProvider().tryAcquire("job:redis", Duration.ofSeconds(5));
            assertThat(lease).isPresent();
            assertThat(runtime.lockProvider().tryAcquire("job:redis", Duration.ofSeconds(5))).isEmpty();
            lease.get().release();
            assertThat(context.getBean(ScopedGreeter.class).runJob("redis")).isEqualTo(new Result.Ok<>("ran redis"));
          });
    } finally {
      redisson.shutdown();
    }
  }

  @Test
  void theApplicationsOwnStoresWin(@TempDir Path folder) {
    Stores own = JdbiStores.sqlite(folder.resolve("own.db")).build();
    jdbc("jdbc:sqlite:" + folder.resolve("app.db")).withBean(Stores.class, () -> own).run(context -> {
      assertThat(context).doesNotHaveBean("gogoscopeJdbcStores");
      assertThat(context.getBean(ScopeRuntime.class).lockProvider()).isSameAs(own.lockProvider());
    });
  }
}
