package io.gogoscope.persistence.jdbi;

import com.zaxxer.hikari.HikariDataSource;
import io.gogoscope.store.Lease;
import io.gogoscope.store.LockProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;

/**
 * A second JVM for the cross-process lock tests ({@link CrossProcessLockTest}), started with the
 * test JVM's classpath.
 *
 * <pre>
 * LockWorker contend DIALECT URL USER PREFIX KEY SECONDS THREADS LOG
 *     THREADS virtual threads take KEY in turn for SECONDS; each holder appends "E token pid" on
 *     entering and "X token pid" on leaving to LOG (O_APPEND, shared with the other process).
 * LockWorker hold DIALECT URL USER PREFIX KEY TTL_MILLIS
 *     takes KEY, prints "HELD token" and sleeps until killed.
 * </pre>
 */
public final class LockWorker {

  private LockWorker() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    SqlDialect dialect = SqlDialect.valueOf(args[1]);
    String url = args[2];
    String user = args[3];
    String prefix = args[4];
    String key = args[5];
    HikariDataSource pool = dialect == SqlDialect.SQLITE ? null : SqlBackend.pool(url, user, 8);
    Jdbi jdbi = pool != null ? Jdbi.create(pool) : Jdbi.create(url);
    try (JdbiStores stores = JdbiStores.using(jdbi).dialect(dialect).tablePrefix(prefix).build()) {
      LockProvider locks = stores.lockProvider();
      switch (mode) {
        case "contend" -> contend(locks, key, Duration.ofSeconds(Long.parseLong(args[6])), Integer.parseInt(args[7]), Path.of(args[8]));
        case "hold" -> hold(locks, key, Duration.ofMillis(Long.parseLong(args[6])));
        default -> throw new IllegalArgumentException("unknown mode " + mode);
      }
    } finally {
      if (pool != null) {
        pool.close();
      }
    }
  }

  private static void contend(LockProvider locks, String key, Duration duration, int threads, Path log)
      throws Exception {
    long pid = ProcessHandle.current().pid();
    long end = System.nanoTime() + duration.toNanos();
    AtomicInteger held = new AtomicInteger();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (FileChannel out = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(Thread.ofVirtual().start(() -> {
          try {
            while (System.nanoTime() < end) {
              Lease lease = locks.acquire(key, Duration.ofSeconds(10), Duration.ofSeconds(30)).orElse(null);
              if (lease == null) {
                continue; // waited 30 s without a turn: try again until the run ends
              }
              try {
                write(out, "E " + lease.fencingToken() + " " + pid + "\n");
                Thread.sleep(1); // the protected work
                write(out, "X " + lease.fencingToken() + " " + pid + "\n");
                held.incrementAndGet();
              } finally {
                lease.release();
              }
            }
          } catch (Throwable e) {
            failures.add(e);
          }
        }));
      }
      for (Thread worker : workers) {
        worker.join();
      }
    }
    if (!failures.isEmpty()) {
      failures.forEach(Throwable::printStackTrace);
      System.exit(1);
    }
    System.out.println("DONE " + held.get());
  }

  private static void write(FileChannel out, String line) throws IOException {
    // One write per line: with O_APPEND the kernel places it whole at the end, even across processes.
    ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
    while (bytes.hasRemaining()) {
      out.write(bytes);
    }
  }

  private static void hold(LockProvider locks, String key, Duration ttl) throws InterruptedException {
    Lease lease = locks.acquire(key, ttl, Duration.ofSeconds(30)).orElseThrow();
    System.out.println("HELD " + lease.fencingToken());
    System.out.flush();
    Thread.sleep(Duration.ofMinutes(10)); // until killed
  }
}
