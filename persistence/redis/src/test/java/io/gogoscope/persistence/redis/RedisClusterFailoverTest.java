package io.gogoscope.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gogoscope.store.Lease;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * Issue 10, item 6: failover on a real Redis Cluster (three masters with a replica each, see
 * {@link PrivateRedisCluster}) while locks are taken. What the tests measure is printed to the test's
 * output file under target/surefire-reports and quoted in the README's reliability section.
 *
 * <ul>
 *   <li>Eight threads take one lock through a {@code CLUSTER FAILOVER} of its master and then the
 *       SIGKILL of the new master: how long no lock was granted, which calls failed and how, and
 *       whether the lock was ever granted twice or a fencing token failed to grow.
 *   <li>A master lost before its replica has its last acquires (the replica frozen, so the master
 *       drops it and replication is certainly behind): without waiting for replicas the promoted
 *       replica hands out fencing tokens again and grants a held lock a second time; with
 *       {@link RedisStores.Builder#waitForReplicas} those acquires fail instead, and every token
 *       handed out stays below every later one.
 * </ul>
 */
class RedisClusterFailoverTest {
  private static final int THREADS = 8;
  private static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(2);
  /** Redisson's per attempt, three attempts within the operation timeout, so a dead master shows. */
  private static final Duration REDISSON_TIMEOUT = Duration.ofMillis(500);
  private static final Duration TTL = Duration.ofSeconds(5);
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private static PrivateRedisCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = PrivateRedisCluster.start();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void eightThreadsTakeALockThroughAManualFailoverAndTheKillOfTheNewMaster() throws Exception {
    String prefix = TestRedis.randomPrefix("failover");
    RedissonClient redisson = cluster.connect(REDISSON_TIMEOUT);
    try {
      LockProvider locks = RedisStores.builder(redisson).keyPrefix(prefix).operationTimeout(OPERATION_TIMEOUT).build().lockProvider();
      String key = "contended";
      int firstMaster = cluster.masterOf(new RedisKeys(prefix).lock(key));
      int firstReplica = cluster.replicaOf(firstMaster);
      Phase manual;
      Phase killed;
      LockTraffic traffic = LockTraffic.start(locks, key, THREADS, TTL, Duration.ofSeconds(1));
      try {
        traffic.awaitMoreHolds(200, PATIENCE);

        long failoverStarted = System.nanoTime();
        cluster.failOver(firstReplica);
        long failoverDone = System.nanoTime();
        traffic.awaitMoreHolds(200, PATIENCE);
        manual = Phase.of("CLUSTER FAILOVER", traffic, failoverStarted, failoverDone, System.nanoTime());

        long killedAt = System.nanoTime();
        cluster.kill(firstReplica); // the master now
        cluster.awaitMaster(firstMaster, "killing " + firstReplica);
        long promoted = System.nanoTime();
        traffic.awaitMoreHolds(200, PATIENCE);
        killed = Phase.of("SIGKILL of the master", traffic, killedAt, promoted, System.nanoTime());
      } finally {
        traffic.close();
      }
      cluster.restart(firstReplica);

      System.out.printf(
          "%d threads, one key, %d holds in all, %d acquires gave up after their 1 s wait%n%s%n%s%n",
          THREADS, traffic.holdCount(), traffic.unavailable(), manual, killed);
      assertThat(traffic.untypedFailures()).as("failures other than StoreException").isEmpty();
      assertThat(manual.overlaps()).as("holds overlapping another through the manual failover").isZero();
      assertThat(manual.tokenRegressions()).as("fencing tokens not growing through the manual failover").isZero();
      // The kill is only measured: without waitForReplicas an acquire the master had not yet
      // replicated may be lost with it (the next test makes that certain); here it is printed.
    } finally {
      redisson.shutdown();
    }
  }

  @Test
  void withoutWaitingForReplicasAFailoverToALaggingReplicaHandsOutTokensAgainAndGrantsAHeldLockTwice()
      throws Exception {
    Lagged lagged = failOverToALaggingReplica("without waitForReplicas", builder -> builder);

    assertThat(lagged.failedWhileLagging()).as("acquires refused while the replica lagged").isEmpty();
    assertThat(lagged.tokenAfter())
        .as("the first token after the failover, against the last one handed out before it")
        .isLessThanOrEqualTo(lagged.lastTokenBefore());
    assertThat(lagged.heldWhileLagging()).as("a lease taken while the replica lagged").isPresent();
    assertThat(lagged.grantedAgainWhileHeld()).as("the same key granted again while that lease is held").isTrue();
  }

  @Test
  void waitingForAReplicaKeepsTokensGrowingAndLocksSingleThroughTheSameFailover() throws Exception {
    Duration replicaWait = Duration.ofMillis(300);
    Lagged lagged = failOverToALaggingReplica(
        "with waitForReplicas(1, " + replicaWait + ")", builder -> builder.waitForReplicas(1, replicaWait));

    assertThat(lagged.failedWhileLagging())
        .as("every acquire while the replica lagged failed")
        .hasSize(Lagged.ACQUIRES_WHILE_LAGGING + 1)
        .allSatisfy(e -> assertThat(e).isInstanceOf(StoreException.class).hasMessageContaining("only 0 of 1 replicas confirmed it within " + replicaWait));
    assertThat(lagged.heldWhileLagging()).isEmpty();
    assertThat(lagged.tokenAfter())
        .as("the first token after the failover, against every token handed out")
        .isGreaterThan(lagged.lastTokenBefore());
  }

  /**
   * Takes some locks on a key (their tokens replicated), freezes the key's replica until its
   * master drops it, takes more (and holds one: these never reach the replica), kills the master,
   * lets the replica take over, and takes the lock again.
   */
  private Lagged failOverToALaggingReplica(String label, UnaryOperator<RedisStores.Builder> configure) throws Exception {
    RedissonClient redisson = cluster.connect(REDISSON_TIMEOUT);
    try {
      return failOverToALaggingReplica(label, configure.apply(RedisStores.builder(redisson)));
    } finally {
      redisson.shutdown();
    }
  }

  private Lagged failOverToALaggingReplica(String label, RedisStores.Builder builder) throws Exception {
    String prefix = TestRedis.randomPrefix("lagging-replica");
    LockProvider locks = builder.keyPrefix(prefix).operationTimeout(OPERATION_TIMEOUT).build().lockProvider();
    String key = "lagging";
    int master = cluster.masterOf(new RedisKeys(prefix).lock(key));
    int replica = cluster.replicaOf(master);
    long lastTokenBefore = 0;
    for (int i = 0; i < 5; i++) {
      try (Lease lease = locks.tryAcquire(key, Duration.ofMinutes(1)).orElseThrow()) {
        lastTokenBefore = lease.fencingToken();
      }
    }

    // The master drops a replica it has not heard from for repl-timeout; from then on it sends it
    // nothing, so what follows is on the master alone (frozen, the replica would otherwise still
    // find the stream in its socket once it runs again).
    cluster.cli(master, "CONFIG", "SET", "repl-timeout", "1");
    cluster.pause(replica);
    long started = System.nanoTime();
    while (!cluster.cli(master, "INFO", "replication").contains("connected_slaves:0")) {
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the master dropping its frozen replica").isLessThan(PATIENCE);
      Thread.sleep(50);
    }
    List<RuntimeException> failed = new ArrayList<>();
    for (int i = 0; i < Lagged.ACQUIRES_WHILE_LAGGING; i++) {
      try (Lease lease = locks.tryAcquire(key, Duration.ofMinutes(1)).orElseThrow()) {
        lastTokenBefore = Math.max(lastTokenBefore, lease.fencingToken());
      } catch (StoreException e) {
        failed.add(e);
      }
    }
    Optional<Lease> held = holdWhileLagging(locks, key, failed);
    lastTokenBefore = Math.max(lastTokenBefore, held.map(Lease::fencingToken).orElse(0L));

    cluster.kill(master);
    cluster.resume(replica);
    cluster.awaitMaster(replica, "killing " + master);
    // Back as the new master's replica (in sync with it: what it held alone is gone), so that
    // acquires waiting for a replica can succeed again.
    cluster.restart(master);
    AtomicReference<Optional<Lease>> after = new AtomicReference<>();
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(100))
        .ignoreException(StoreException.class)
        .until(() -> {
          after.set(locks.tryAcquire(key, Duration.ofMinutes(1)));
          return after.get().isPresent() || held.isPresent();
        });
    Lagged lagged = new Lagged(
        lastTokenBefore, after.get().map(Lease::fencingToken).orElse(-1L), failed, held, after.get().isPresent() && held.isPresent());
    System.out.printf("lagging replica promoted, %s: %s%n", label, lagged);
    return lagged;
  }

  /** A lease on {@code key}, kept; empty when the acquire failed (added to {@code failed}). */
  private static Optional<Lease> holdWhileLagging(LockProvider locks, String key, List<RuntimeException> failed) {
    try {
      return locks.tryAcquire(key, Duration.ofMinutes(1));
    } catch (StoreException e) {
      failed.add(e);
      return Optional.empty();
    }
  }

  /** What {@link #failOverToALaggingReplica} saw. */
  private record Lagged(
      long lastTokenBefore, long tokenAfter, List<RuntimeException> failedWhileLagging, Optional<Lease> heldWhileLagging,
      boolean grantedAgainWhileHeld) {
    static final int ACQUIRES_WHILE_LAGGING = 3;
  }

  /** One failover of the eight-thread test, measured. */
  private record Phase(
      String event, Duration took, Duration longestWithoutHold, int storeExceptions, int overlaps, int tokenRegressions) {
    static Phase of(String event, LockTraffic traffic, long started, long done, long settled) {
      List<LockTraffic.Failed> failures = traffic.failuresBetween(started, settled);
      return new Phase(
          event,
          Duration.ofNanos(done - started),
          traffic.longestGapBetween(started, settled),
          failures.size(),
          traffic.overlaps(),
          traffic.tokenRegressions());
    }

    @Override
    public String toString() {
      return String.format(
          "%s: took %d ms; no lock granted for at most %d ms; %d calls failed with StoreException; "
              + "holds overlapping another so far: %d; fencing tokens not growing so far: %d",
          event, took.toMillis(), longestWithoutHold.toMillis(), storeExceptions, overlaps, tokenRegressions);
    }
  }
}
