package io.gogoscope.persistence.redis;

import io.gogoscope.testing.RequiresServerExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.opentest4j.TestAbortedException;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.ClusterServersConfig;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;
import org.redisson.config.ReadMode;
import org.redisson.connection.CRC16;

/**
 * A Redis Cluster of the test's own on loopback: three masters with one replica each, six
 * {@code redis-server} processes on free ports, joined by {@code redis-cli --cluster create}.
 * Nothing is persisted; node logs and cluster files live in a folder under {@code target/} that
 * {@link #close()} deletes. Every process is stopped by its own handle (its pid) on close, and by a
 * shutdown hook if the JVM ends first, so a failing test leaves nothing running.
 *
 * <p>Nodes time each other out after {@value #NODE_TIMEOUT_MILLIS} ms, and a replica may take over
 * however long it lost its master ({@code cluster-replica-validity-factor 0}), so a killed master is
 * replaced within a few seconds.
 */
// Closing waits for processes to end and may be interrupted; tests want that to surface.
@SuppressWarnings("try")
final class PrivateRedisCluster implements AutoCloseable {
  static final int NODE_TIMEOUT_MILLIS = 1_000;
  private static final int MASTERS = 3;
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final Path folder;
  private final Map<Integer, Process> nodes = new LinkedHashMap<>();
  private final Set<Integer> frozen = ConcurrentHashMap.newKeySet();
  private final Thread cleanUp = new Thread(this::destroyAll, "private-redis-cluster-clean-up");

  private PrivateRedisCluster(Path folder) {
    this.folder = folder;
  }

  /**
   * Starts the six nodes and creates the cluster; returns once every node says the cluster is ok
   * and every replica is in sync. Skips the test (fails under CI=true) without redis-server.
   */
  static PrivateRedisCluster start() throws IOException, InterruptedException {
    Files.createDirectories(Path.of("target"));
    PrivateRedisCluster cluster =
        new PrivateRedisCluster(Files.createTempDirectory(Path.of("target"), "redis-cluster-").toAbsolutePath());
    Runtime.getRuntime().addShutdownHook(cluster.cleanUp);
    try {
      for (int port : freePorts(2 * MASTERS)) {
        cluster.startNode(port);
      }
      List<String> create = new ArrayList<>(List.of("--cluster", "create"));
      cluster.nodes.keySet().forEach(port -> create.add("127.0.0.1:" + port));
      create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
      cluster.cli(cluster.ports().get(0), create.toArray(String[]::new));
      cluster.awaitHealthy("the new cluster");
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  /** The ports of every node started, alive or not. */
  List<Integer> ports() {
    return List.copyOf(nodes.keySet());
  }

  /**
   * A Redisson client in cluster mode that reads from masters, for tests that keep the cluster as
   * it is: it waits up to 3 s per attempt, so a loaded machine does not fail its calls.
   */
  RedissonClient connect() {
    return connect(Duration.ofSeconds(3));
  }

  /**
   * A Redisson client in cluster mode that reads from masters and, waiting {@code timeout} per
   * attempt (three attempts), notices a dead master quickly.
   */
  RedissonClient connect(Duration timeout) {
    Config config = new Config();
    ClusterServersConfig servers =
        config
            .useClusterServers()
            .setScanInterval(200)
            .setReadMode(ReadMode.MASTER)
            .setConnectTimeout((int) timeout.toMillis())
            .setTimeout((int) timeout.toMillis())
            .setRetryAttempts(2)
            .setRetryDelay(new ConstantDelay(Duration.ofMillis(100)))
            .setReconnectionDelay(new ConstantDelay(Duration.ofMillis(100)))
            .setPingConnectionInterval(500)
            .setMasterConnectionMinimumIdleSize(2)
            .setSlaveConnectionMinimumIdleSize(1)
            .setSubscriptionConnectionMinimumIdleSize(1);
    nodes.keySet().forEach(port -> servers.addNodeAddress("redis://127.0.0.1:" + port));
    config.setThreads(2).setNettyThreads(4);
    return Redisson.create(config);
  }

  /** The port of the master serving {@code name}'s slot now. */
  int masterOf(String name) throws IOException, InterruptedException {
    int slot = slot(name);
    for (Node node : topology()) {
      if (node.master() && !node.failed() && node.serves(slot)) {
        return node.port();
      }
    }
    throw new AssertionError("no master serves slot " + slot + " of " + name + ":\n" + describe());
  }

  /**
   * The port of {@code masterPort}'s replica, once the cluster is healthy: on a loaded machine a
   * node that missed its node timeout is flagged as failing for a moment after a test that looked
   * healthy at its end.
   */
  int replicaOf(int masterPort) throws IOException, InterruptedException {
    awaitHealthy("the previous step");
    List<Node> nodes = topology();
    String masterId = nodes.stream().filter(n -> n.port() == masterPort).findFirst().orElseThrow().id();
    return nodes.stream()
        .filter(n -> masterId.equals(n.masterId()) && !n.failed())
        .findFirst()
        .orElseThrow(() -> new AssertionError("master " + masterPort + " has no live replica:\n" + describe()))
        .port();
  }

  /** A key name (from {@code base} plus a number) whose slot {@code masterPort} serves. */
  String keyServedBy(int masterPort, String base, RedisKeys keys) throws IOException, InterruptedException {
    List<Node> topology = topology();
    Node master = topology.stream().filter(n -> n.port() == masterPort).findFirst().orElseThrow();
    for (int i = 0; ; i++) {
      String key = base + i;
      if (master.serves(slot(keys.lock(key)))) {
        return key;
      }
    }
  }

  /** Redis Cluster's slot of {@code name}: of its hash tag when it has a non-empty one. */
  static int slot(String name) {
    int open = name.indexOf('{');
    int close = open < 0 ? -1 : name.indexOf('}', open + 1);
    String hashed = close > open + 1 ? name.substring(open + 1, close) : name;
    return CRC16.crc16(hashed.getBytes(StandardCharsets.UTF_8)) % 16384;
  }

  /**
   * Has {@code replicaPort} take over from its master by {@code CLUSTER FAILOVER} (the master stops
   * taking writes until the replica has them all); returns once it serves as master and the cluster
   * is healthy.
   */
  void failOver(int replicaPort) throws IOException, InterruptedException {
    cli(replicaPort, "CLUSTER", "FAILOVER");
    awaitRole(replicaPort, "master");
    awaitHealthy("the failover to " + replicaPort);
  }

  /** Kills the node on {@code port} with SIGKILL, and waits for the process to end. */
  void kill(int port) throws InterruptedException {
    Process process = nodes.get(port);
    process.destroyForcibly();
    process.waitFor();
  }

  /**
   * Starts the killed node on {@code port} again from its cluster file; it rejoins as a replica of
   * whoever took over its slots. Returns once it is in sync and the cluster is healthy.
   */
  void restart(int port) throws IOException, InterruptedException {
    startNode(port);
    awaitRole(port, "slave");
    awaitHealthy("restarting " + port);
  }

  /** Freezes the node on {@code port} (SIGSTOP): its connections stay open, nothing answers. */
  void pause(int port) throws IOException, InterruptedException {
    signal(port, "-STOP");
    frozen.add(port);
  }

  /** Lets a frozen node run on (SIGCONT). */
  void resume(int port) throws IOException, InterruptedException {
    signal(port, "-CONT");
    frozen.remove(port);
  }

  /** Waits until the node on {@code port} serves as master (a replica that took over). */
  void awaitMaster(int port, String after) throws InterruptedException {
    awaitRole(port, "master");
    awaitHealthy(after);
  }

  /**
   * Runs a command on the node on {@code port} through redis-cli; returns what it printed (a few
   * kB at most, which the pipe holds until the process ends).
   */
  String cli(int port, String... command) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
    args.addAll(List.of(command));
    Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
    process.getOutputStream().close();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("redis-cli " + String.join(" ", command) + " on port " + port + " did not end within 10 s");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new AssertionError("redis-cli " + String.join(" ", command) + " exited " + process.exitValue() + ": " + output);
    }
    return output;
  }

  /** The node table as every live node's CLUSTER NODES says it, for failure messages. */
  String describe() {
    try {
      return cli(liveNode(), "CLUSTER", "NODES");
    } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
      return "(CLUSTER NODES failed: " + e + ")";
    }
  }

  @Override
  public void close() {
    destroyAll();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanUp);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs (or ran) destroyAll itself
    }
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // left under target/, which the next clean removes
    }
  }

  private void destroyAll() {
    for (Process process : nodes.values()) {
      if (process.isAlive()) {
        process.destroyForcibly(); // SIGKILL, which ends a frozen (SIGSTOP) node too
      }
    }
    for (Process process : nodes.values()) {
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void startNode(int port) throws IOException, InterruptedException {
    Process process;
    try {
      process =
          new ProcessBuilder(
                  "redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", folder.toString(),
                  "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
                  "--cluster-node-timeout", Integer.toString(NODE_TIMEOUT_MILLIS),
                  "--cluster-replica-validity-factor", "0", "--save", "", "--appendonly", "no",
                  "--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0", "--daemonize", "no",
                  "--logfile", folder.resolve("node-" + port + ".log").toString())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      String message = "redis-server is not on the PATH (" + e.getMessage() + "); install Redis to run this test";
      if (RequiresServerExtension.isCi()) {
        throw new AssertionError("CI=true and " + message, e);
      }
      throw new TestAbortedException("skipped: " + message, e);
    }
    nodes.put(port, process);
    await("node " + port + " answers PING", () -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server on port " + port + " exited; see " + folder.resolve("node-" + port + ".log"));
      }
      return cli(port, "PING").startsWith("PONG");
    });
  }

  /**
   * Waits until every live node says cluster_state:ok, sees no live node as failing, and every live
   * replica's link to its master is up.
   */
  private void awaitHealthy(String after) throws InterruptedException {
    await("a healthy cluster after " + after, () -> {
      List<Integer> live = livePorts();
      for (int port : live) {
        if (!cli(port, "CLUSTER", "INFO").contains("cluster_state:ok")) {
          return false;
        }
        if (topology(port).stream().anyMatch(node -> live.contains(node.port()) && node.flags().contains("fail"))) {
          return false;
        }
        String replication = cli(port, "INFO", "replication");
        if (replication.contains("role:slave") && !replication.contains("master_link_status:up")) {
          return false;
        }
      }
      return true;
    });
  }

  private void awaitRole(int port, String role) throws InterruptedException {
    await("node " + port + " to serve as " + role, () -> cli(port, "ROLE").startsWith(role));
  }

  /** The nodes running and not frozen. */
  private List<Integer> livePorts() {
    return nodes.entrySet().stream()
        .filter(e -> e.getValue().isAlive() && !frozen.contains(e.getKey()))
        .map(Map.Entry::getKey)
        .toList();
  }

  private int liveNode() {
    return livePorts().stream().findFirst().orElseThrow(() -> new AssertionError("no node is alive"));
  }

  private void signal(int port, String signal) throws IOException, InterruptedException {
    long pid = nodes.get(port).pid();
    int exit = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start().waitFor();
    if (exit != 0) {
      throw new AssertionError("kill " + signal + " " + pid + " exited with " + exit);
    }
  }

  /** The node table from a live node's point of view. */
  private List<Node> topology() throws IOException, InterruptedException {
    return topology(liveNode());
  }

  /** The node table from the point of view of the node on {@code port}. */
  private List<Node> topology(int port) throws IOException, InterruptedException {
    List<Node> table = new ArrayList<>();
    for (String line : cli(port, "CLUSTER", "NODES").split("\n")) {
      if (!line.isBlank()) {
        table.add(Node.parse(line.trim()));
      }
    }
    return table;
  }

  /** One line of CLUSTER NODES. */
  private record Node(String id, int port, String flags, String masterId, List<int[]> slots) {
    static Node parse(String line) {
      String[] fields = line.split(" ");
      String address = fields[1];
      int port = Integer.parseInt(address.substring(address.indexOf(':') + 1, address.indexOf('@')));
      List<int[]> slots = new ArrayList<>();
      for (int i = 8; i < fields.length; i++) {
        if (fields[i].startsWith("[")) {
          continue; // a slot being migrated
        }
        String[] range = fields[i].split("-");
        int from = Integer.parseInt(range[0]);
        slots.add(new int[] {from, range.length == 2 ? Integer.parseInt(range[1]) : from});
      }
      return new Node(fields[0], port, fields[2], fields[3], slots);
    }

    boolean master() {
      return flags.contains("master");
    }

    boolean failed() {
      return flags.contains("fail");
    }

    boolean serves(int slot) {
      return slots.stream().anyMatch(range -> range[0] <= slot && slot <= range[1]);
    }
  }

  /** A state of the cluster, read through redis-cli. */
  private interface Condition {
    boolean holds() throws IOException, InterruptedException;
  }

  /** Polls {@code condition} until it holds; a failing redis-cli counts as "not yet". */
  private static void await(String what, Condition condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    Throwable lastFailure = null;
    while (true) {
      try {
        if (condition.holds()) {
          return;
        }
      } catch (IOException | AssertionError e) {
        lastFailure = e;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("waited " + PATIENCE + " for " + what, lastFailure);
      }
      Thread.sleep(50);
    }
  }

  /**
   * {@code count} ports free on loopback whose cluster bus ports (port + 10000) are free too,
   * from a random start so parallel runs rarely probe the same ones.
   */
  private static List<Integer> freePorts(int count) throws IOException {
    List<Integer> ports = new ArrayList<>();
    int candidate = 20_000 + ThreadLocalRandom.current().nextInt(30_000);
    while (ports.size() < count) {
      candidate = candidate >= 55_000 ? 20_000 : candidate + 1;
      if (free(candidate) && free(candidate + 10_000)) {
        ports.add(candidate);
      }
    }
    return ports;
  }

  private static boolean free(int port) {
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
