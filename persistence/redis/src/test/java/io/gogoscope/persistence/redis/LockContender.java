package io.gogoscope.persistence.redis;

import io.gogoscope.store.Lease;
import io.gogoscope.store.LockProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.redisson.api.RedissonClient;

/**
 * The other process of the Redis reliability tests (run by {@link ChildJvm}), and the contending
 * loop the test JVM runs too.
 *
 * <ul>
 *   <li>{@code contend HOST PORT PREFIX KEY THREADS MILLIS LOG}: prints {@code READY}, waits for
 *       {@code GO} on stdin, then runs {@link #contend} and prints {@code DONE <acquisitions>}.
 *   <li>{@code hold HOST PORT PREFIX KEY TTL_MILLIS}: takes the key with the lease watchdog on,
 *       prints {@code HELD <fencing token>} and sleeps until killed.
 * </ul>
 */
public final class LockContender {
  private LockContender() {}

  public static void main(String[] args) throws Exception {
    RedissonClient redisson = TestRedis.connect(args[1], Integer.parseInt(args[2]));
    switch (args[0]) {
      case "contend" -> {
        LockProvider locks = RedisStores.builder(redisson).keyPrefix(args[3]).build().lockProvider();
        System.out.println("READY");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!"GO".equals(in.readLine())) {
          throw new IllegalStateException("expected GO on stdin");
        }
        long acquisitions =
            contend(locks, args[4], Integer.parseInt(args[5]), Duration.ofMillis(Long.parseLong(args[6])), Path.of(args[7]), false);
        System.out.println("DONE " + acquisitions);
        redisson.shutdown();
      }
      case "hold" -> {
        LockProvider locks =
            RedisStores.builder(redisson).keyPrefix(args[3]).lockWatchdog(true).build().lockProvider();
        Lease lease = locks.tryAcquire(args[4], Duration.ofMillis(Long.parseLong(args[5]))).orElseThrow();
        System.out.println("HELD " + lease.fencingToken());
        Thread.sleep(Long.MAX_VALUE);
      }
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  /**
   * {@code threads} threads take {@code key} in turn for {@code duration}. Inside the critical
   * section each appends {@code ENTER <token> <pid>}, pauses a millisecond, and appends
   * {@code EXIT <token> <pid>} to {@code log}, opened with O_APPEND so the lines of both processes
   * interleave only where their holds would.
   *
   * @return how many times this process held the key
   */
  static long contend(LockProvider locks, String key, int threads, Duration duration, Path log, boolean virtual)
      throws IOException, InterruptedException {
    long pid = ProcessHandle.current().pid();
    AtomicLong acquisitions = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long end = System.nanoTime() + duration.toNanos();
    List<Thread> workers = new ArrayList<>();
    try (FileChannel out = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      Runnable work =
          () -> {
            while (System.nanoTime() - end < 0 && failure.get() == null) {
              try {
                Optional<Lease> held = locks.acquire(key, Duration.ofSeconds(5), Duration.ofSeconds(2));
                if (held.isEmpty()) {
                  continue;
                }
                try (Lease lease = held.get()) {
                  out.write(ByteBuffer.wrap(("ENTER " + lease.fencingToken() + " " + pid + "\n").getBytes(StandardCharsets.UTF_8)));
                  Thread.sleep(1);
                  out.write(ByteBuffer.wrap(("EXIT " + lease.fencingToken() + " " + pid + "\n").getBytes(StandardCharsets.UTF_8)));
                  acquisitions.incrementAndGet();
                }
              } catch (IOException | InterruptedException | RuntimeException e) {
                failure.compareAndSet(null, e); // stops every worker; rethrown below
              }
            }
          };
      for (int i = 0; i < threads; i++) {
        workers.add((virtual ? Thread.ofVirtual() : Thread.ofPlatform()).name("contender-" + i).start(work));
      }
      for (Thread worker : workers) {
        worker.join();
      }
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a contender failed after " + acquisitions + " acquisitions", failure.get());
    }
    return acquisitions.get();
  }
}
