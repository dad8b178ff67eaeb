package io.gogoscope.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.store.RateLimitStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Eight clients (eight store instances, each on its own thread; on SQLite eight connections to one
 * file) hammer one key: no window ever holds more than {@code max} admissions.
 *
 * <p>The database stamps each admission with its own clock, which the client cannot read; on this
 * machine it is the same clock as {@link System#currentTimeMillis()}, so each admission lies in
 * {@code [start, end]} of its call (widened by a millisecond for rounding). A window is proven
 * overfull only when {@code max + 1} admissions fit in less than a window even at their widest.
 */
class RateLimitUnderContentionTest {

  private static final int CLIENTS = 8;
  private static final int MAX = 10;
  private static final Duration WINDOW = Duration.ofMillis(500);
  private static final Duration RUN = Duration.ofSeconds(3);
  private static final BackendCache BACKENDS = new BackendCache();

  @AfterAll
  static void closeBackends() {
    BACKENDS.close();
  }

  /** One admitted call: the database stamped it somewhere in {@code [from, to]} (epoch ms). */
  private record Admission(long from, long to) {}

  @ParameterizedTest
  @EnumSource(value = SqlDialect.class, names = {"POSTGRESQL", "MARIADB", "SQLITE"})
  void noWindowEverHoldsMoreThanMaxAdmissions(SqlDialect dialect) throws Exception {
    SqlBackend backend = BACKENDS.get(dialect);
    String key = "contended-rate:" + UUID.randomUUID();
    List<Admission> admissions = new CopyOnWriteArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    int[] refused = new int[CLIENTS];
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      RateLimitStore store = backend.stores().rateLimitStore();
      int index = c;
      // Platform threads: each stands for a client process of its own.
      clients.add(Thread.ofPlatform().start(() -> {
        try {
          start.await();
          long end = System.nanoTime() + RUN.toNanos();
          while (System.nanoTime() < end) {
            long from = System.currentTimeMillis() - 1;
            boolean allowed = store.checkAndIncrement(key, MAX, WINDOW).allowed();
            long to = System.currentTimeMillis() + 1;
            if (allowed) {
              admissions.add(new Admission(from, to));
            } else {
              refused[index]++;
            }
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }));
    }
    start.countDown();
    for (Thread client : clients) {
      client.join();
    }
    assertThat(failures).isEmpty();

    List<Admission> sorted = new ArrayList<>(admissions);
    sorted.sort(Comparator.comparingLong(Admission::from));
    for (int i = 0; i + MAX < sorted.size(); i++) {
      List<Admission> group = sorted.subList(i, i + MAX + 1);
      long earliest = group.get(0).from();
      long latest = group.stream().mapToLong(Admission::to).max().orElseThrow();
      assertThat(latest - earliest)
          .as("%d admissions from %d to %d ms (window %s): %s", MAX + 1, earliest, latest, WINDOW, group)
          .isGreaterThanOrEqualTo(WINDOW.toMillis());
    }
    long windows = RUN.toMillis() / WINDOW.toMillis();
    assertThat(sorted.size()).as("admissions in %s", RUN).isLessThanOrEqualTo((int) (MAX * (windows + 1)));
    int totalRefused = java.util.Arrays.stream(refused).sum();
    assertThat(totalRefused).as("refused calls: the limit was reached").isPositive();
    System.out.printf("%s: %d admitted, %d refused by %d clients in %s (max %d per %s)%n",
        dialect, sorted.size(), totalRefused, CLIENTS, RUN, MAX, WINDOW);
  }
}
