package io.gogoscope.bench.infra;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/** Clients for the benchmark servers, configured the same for every library that shares them. */
public final class Backends {

  private Backends() {}

  /** A prefix no other run uses, for keys, rows and table names (letters, digits, underscore). */
  public static String uniquePrefix() {
    byte[] random = new byte[6];
    ThreadLocalRandom.current().nextBytes(random);
    return "gogoscope_bench_" + HexFormat.of().formatHex(random);
  }

  /** A Redisson client of the benchmark Redis; every Redis benchmark shares one per trial. */
  public static RedissonClient redisson() {
    Config config = new Config();
    config.useSingleServer().setAddress("redis://" + Service.REDIS.address());
    return Redisson.create(config);
  }

  /** A pool of {@code size} connections to the benchmark PostgreSQL (db {@code test}). */
  public static HikariDataSource postgres(int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:postgresql://" + Service.POSTGRES.address() + "/test");
    config.setUsername("postgres");
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(size);
    config.setPoolName("bench-postgres");
    return new HikariDataSource(config);
  }

  /** A pool of {@code size} connections to the SQLite file {@code path}, in WAL mode. */
  public static HikariDataSource sqlite(String path, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:sqlite:" + path);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(size);
    config.setPoolName("bench-sqlite");
    config.addDataSourceProperty("journal_mode", "WAL");
    config.setConnectionInitSql("PRAGMA busy_timeout = 5000");
    return new HikariDataSource(config);
  }
}
