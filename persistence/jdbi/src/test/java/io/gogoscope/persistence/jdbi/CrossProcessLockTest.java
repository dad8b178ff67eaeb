package io.gogoscope.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.store.Lease;
import io.gogoscope.store.LockProvider;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Locks shared by two JVM processes (the second started from {@link LockWorker} with this JVM's
 * classpath), on each SQL backend: long contention without overlap, and a holder killed with
 * SIGKILL whose lock another process takes once its TTL passed.
 */
class CrossProcessLockTest {

  private static final Duration CONTENTION = Duration.ofSeconds(20);
  private static final int THREADS_PER_PROCESS = 8;
  private static final BackendCache BACKENDS = new BackendCache();

  private final List<Process> started = new ArrayList<>();

  @TempDir Path folder;

  @AfterEach
  void killLeftovers() {
    started.forEach(Process::destroyForcibly);
  }

  @AfterAll
  static void closeBackends() {
    BACKENDS.close();
  }

  @ParameterizedTest
  @EnumSource(value = SqlDialect.class, names = {"POSTGRESQL", "MARIADB", "SQLITE"})
  void twoProcessesOfEightThreadsNeverHoldTheKeyTogether(SqlDialect dialect) throws Exception {
    SqlBackend backend = BACKENDS.get(dialect);
    String key = "contended:" + UUID.randomUUID();
    Path log = folder.resolve("holders.log");
    Process a = worker(backend, "contend", key, CONTENTION.toSeconds(), THREADS_PER_PROCESS, log);
    Process b = worker(backend, "contend", key, CONTENTION.toSeconds(), THREADS_PER_PROCESS, log);
    CompletableFuture<String> outA = readAll(a);
    CompletableFuture<String> outB = readAll(b);
    Duration limit = CONTENTION.plus(Duration.ofSeconds(90));
    assertThat(a.waitFor(limit.toSeconds(), TimeUnit.SECONDS)).as("first process finished").isTrue();
    assertThat(b.waitFor(limit.toSeconds(), TimeUnit.SECONDS)).as("second process finished").isTrue();
    assertThat(a.exitValue()).as("first process: %s %s", outA.join(), errors(a)).isZero();
    assertThat(b.exitValue()).as("second process: %s %s", outB.join(), errors(b)).isZero();

    List<String> lines = Files.readAllLines(log, StandardCharsets.US_ASCII);
    long previous = 0;
    Set<String> holders = new HashSet<>();
    for (int i = 0; i + 1 < lines.size(); i += 2) {
      String[] enter = lines.get(i).split(" ");
      String[] exit = lines.get(i + 1).split(" ");
      assertThat(enter[0]).as("line %d enters: %s", i, lines.get(i)).isEqualTo("E");
      assertThat(exit).as("line %d: the holder of line %d leaves before anyone enters", i + 1, i)
          .containsExactly("X", enter[1], enter[2]);
      long token = Long.parseLong(enter[1]);
      assertThat(token).as("fencing token on line %d", i).isGreaterThan(previous);
      previous = token;
      holders.add(enter[2]);
    }
    assertThat(lines.size() % 2).as("every holder that entered left").isZero();
    assertThat(lines.size() / 2).as("critical sections in %s", CONTENTION).isGreaterThan(100);
    assertThat(holders).as("both processes held the key").hasSize(2);
    System.out.printf("%s: %d critical sections by 2 processes x %d threads in %s, no overlap%n",
        dialect, lines.size() / 2, THREADS_PER_PROCESS, CONTENTION);
  }

  @ParameterizedTest
  @EnumSource(value = SqlDialect.class, names = {"POSTGRESQL", "MARIADB", "SQLITE"})
  void aHolderKilledWithSigkillLosesTheKeyOnceItsTtlPassed(SqlDialect dialect) throws Exception {
    SqlBackend backend = BACKENDS.get(dialect);
    String key = "killed:" + UUID.randomUUID();
    Duration ttl = Duration.ofSeconds(3);
    Process holder = worker(backend, "hold", key, ttl.toMillis());
    BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.US_ASCII));
    CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> {
      try {
        return out.readLine();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    String line = held.get(60, TimeUnit.SECONDS);
    assertThat(line).as("holder's report (stderr: %s)", errors(holder)).startsWith("HELD ");
    long killedToken = Long.parseLong(line.substring(5));

    LockProvider locks = backend.stores().lockProvider();
    assertThat(locks.tryAcquire(key, ttl)).as("held by the other process").isEmpty();
    holder.destroyForcibly(); // SIGKILL: no shutdown hook, no release
    long killedAt = System.nanoTime();
    assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();

    Optional<Lease> lease = locks.acquire(key, ttl, ttl.plus(Duration.ofSeconds(10)));
    Duration took = Duration.ofNanos(System.nanoTime() - killedAt);
    assertThat(lease).isPresent();
    assertThat(took).as("acquired after the kill").isLessThanOrEqualTo(ttl.plusSeconds(1));
    assertThat(lease.orElseThrow().fencingToken()).isGreaterThan(killedToken);
    lease.orElseThrow().release();
  }

  private Process worker(SqlBackend backend, String mode, String key, Object... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        LockWorker.class.getName(), mode, backend.dialect().name(), backend.url(),
        String.valueOf(backend.user()), backend.prefix(), key));
    for (Object arg : args) {
      command.add(String.valueOf(arg));
    }
    File stderr = folder.resolve("worker-" + started.size() + ".err").toFile();
    Process process = new ProcessBuilder(command).redirectError(stderr).start();
    started.add(process);
    return process;
  }

  private String errors(Process process) {
    try {
      return Files.readString(folder.resolve("worker-" + started.indexOf(process) + ".err"));
    } catch (IOException e) {
      return "(stderr unreadable: " + e + ")";
    }
  }

  private static CompletableFuture<String> readAll(Process process) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
