package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 scopes with timeouts, failures and cancellations leave no thread behind: no platform
 * thread (counted by the JVM's ThreadMXBean), no virtual thread (counted twice in a JVM thread dump,
 * which lists virtual threads: by a {@code Task.run} frame on their stacks, and by name), no queued
 * scope timer, and no watchdog slot.
 */
@Timeout(300)
class ThreadLeakTest {
  private static final int SCOPES = 10_000;
  private static final int DRIVERS = 4;
  private static final String PREFIX = "leakcheck";
  /** Names task threads, so that the thread dump can count them by name (child scopes inherit it). */
  private static final ScopeRuntime NAMING = ScopeRuntime.builder().nameThreads(true).build();

  @TempDir
  Path dumps;

  @Test
  void noThreadIsLeftBehindAfter10000Scopes() throws Exception {
    Guard guarded = Guard.builder("guarded").timeout(Duration.ofMillis(1)).build();
    warmUp(guarded);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int platformBefore = threads.getThreadCount();
    int slotsBefore = Watchdog.registeredSlots();

    AtomicInteger outcomes = new AtomicInteger();
    List<Thread> drivers = new ArrayList<>();
    for (int d = 0; d < DRIVERS; d++) {
      int driver = d;
      drivers.add(Thread.ofVirtual().name("driver-" + d).start(() -> {
        for (int i = driver; i < SCOPES; i += DRIVERS) {
          runOneScope(i, guarded);
          outcomes.incrementAndGet();
        }
      }));
    }
    for (Thread driver : drivers) {
      driver.join();
    }
    assertThat(outcomes.get()).isEqualTo(SCOPES);

    awaitTrue(() -> TaskThreads.live() == 0, () -> "task threads still running: " + TaskThreads.live());
    awaitTrue(() -> namedThreadsInDump() == 0, () -> namedThreadsInDump() + " threads named " + PREFIX + "* in a thread dump");
    awaitTrue(() -> ScopeTimer.pending() == 0, () -> "scope timers still queued: " + ScopeTimer.pending());
    assertThat(Watchdog.registeredSlots()).as("watchdog slots").isLessThanOrEqualTo(slotsBefore);
    awaitTrue(() -> threads.getThreadCount() <= platformBefore + 1,
        () -> "platform threads: " + threads.getThreadCount() + " now, " + platformBefore + " before");
  }

  /** One scope; {@code i} picks how it ends. Every branch checks what it got. */
  private static void runOneScope(int i, Guard guarded) {
    String name = PREFIX + i;
    switch (i % 5) {
      case 0 -> { // the scope's timeout cancels a sleeping task
        try (Scope scope = NAMING.scope(name).timeout(Duration.ofMillis(1)).open()) {
          Result<Failure, Object> result = scope.fork(() -> {
            Thread.sleep(60_000);
            return null;
          }).join();
          assertThat(result).isInstanceOf(Result.Err.class);
        }
      }
      case 1 -> { // tasks fail
        try (Scope scope = NAMING.scope(name).timeout(Duration.ofMinutes(1)).open()) {
          Task<Failure, Object> a = scope.fork(() -> {
            throw new IOException("down");
          });
          Task<Failure, Object> b = scope.fork(() -> {
            throw new IllegalStateException("bug");
          });
          assertThat(a.join()).isInstanceOf(Result.Err.class);
          assertThat(b.join()).isInstanceOf(Result.Err.class);
        }
      }
      case 2 -> { // cancelled by hand, with a grandchild scope blocked inside
        try (Scope scope = NAMING.scope(name).timeout(Duration.ofMinutes(1)).open()) {
          CountDownLatch started = new CountDownLatch(1);
          Task<Failure, Object> task = scope.fork(() -> {
            try (Scope child = Scope.open(name + "-child")) {
              return child.fork(() -> {
                started.countDown();
                return new CountDownLatch(1).await(1, TimeUnit.MINUTES);
              }).join();
            }
          });
          awaitQuietly(started);
          scope.cancel("by hand");
          assertThat(task.join()).isNotNull();
        }
      }
      case 3 -> { // closed with work unfinished
        try (Scope scope = NAMING.scope(name).timeout(Duration.ofMinutes(1)).open()) {
          scope.fork(() -> new CountDownLatch(1).await(1, TimeUnit.MINUTES));
          scope.fork(() -> 1);
        }
      }
      default -> { // a guarded call that times out inside a task, and a race
        try (Scope scope = NAMING.scope(name).timeout(Duration.ofMinutes(1)).open()) {
          Result<Failure, Result<Failure, Object>> result = scope.fork(() -> guarded.call(() -> {
            Thread.sleep(60_000);
            return null;
          })).join();
          assertThat(result).isEqualTo(Result.ok(Result.err(new Failure.TimedOut(Duration.ofMillis(1)))));
          Result<Failure, String> raced = Tasks.race(scope, List.of(() -> "fast", () -> {
            Thread.sleep(60_000);
            return "slow";
          }));
          assertThat(raced).isEqualTo(Result.ok("fast"));
        }
      }
    }
  }

  private static void warmUp(Guard guarded) {
    for (int i = 0; i < 5; i++) {
      runOneScope(i, guarded);
    }
  }

  private long namedThreadsInDump() {
    try {
      Path dump = dumps.resolve("threads-" + System.nanoTime() + ".json");
      ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
          .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
      Matcher names = Pattern.compile("\"name\": \"" + PREFIX).matcher(Files.readString(dump));
      long count = 0;
      while (names.find()) {
        count++;
      }
      Files.delete(dump);
      return count;
    } catch (IOException e) {
      throw new AssertionError("could not dump threads", e);
    }
  }

  @Test
  void theThreadDumpSeesVirtualThreadsSoTheCountAboveMeansSomething() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (Scope scope = NAMING.scope(PREFIX + "-visible").open()) {
      CountDownLatch started = new CountDownLatch(3);
      for (int i = 0; i < 3; i++) {
        scope.fork(() -> {
          started.countDown();
          return release.await(1, TimeUnit.MINUTES);
        });
      }
      started.await();
      assertThat(namedThreadsInDump()).isEqualTo(3);
      assertThat(TaskThreads.live()).isGreaterThanOrEqualTo(3);
      release.countDown();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      assertThat(latch.await(1, TimeUnit.MINUTES)).isTrue();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static void awaitTrue(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not settled after 30 s: " + what.get());
      }
      Thread.sleep(20);
    }
  }
}
