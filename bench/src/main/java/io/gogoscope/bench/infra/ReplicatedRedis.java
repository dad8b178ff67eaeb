package io.gogoscope.bench.infra;

import io.gogoscope.persistence.redis.RedisStores;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * A Redis master with one replica of the trial's own: two {@code redis-server} processes on free
 * loopback ports (nothing persisted; their folder is a temporary one, deleted at the end), started in the trial's setup and stopped by pid in its
 * teardown, and one Redisson client in master/replica mode that every library shares. The shared
 * server on 6379 has no replica, and giving it one would change it under everyone else's feet.
 */
@State(Scope.Benchmark)
public class ReplicatedRedis {

  private final List<Process> servers = new ArrayList<>();
  private Path folder;
  private RedissonClient redisson;
  private String prefix;

  @Setup
  public void start() throws IOException, InterruptedException {
    folder = Files.createTempDirectory("gogoscope-bench-redis-");
    int master = freePort();
    startServer(master);
    int replica = freePort();
    startServer(replica, "--replicaof", "127.0.0.1", Integer.toString(master));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!cli(replica, "INFO", "replication").contains("master_link_status:up")) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("the replica on port " + replica + " did not sync with " + master);
      }
      Thread.sleep(50);
    }
    Config config = new Config();
    config.useMasterSlaveServers()
        .setMasterAddress("redis://127.0.0.1:" + master)
        .addSlaveAddress("redis://127.0.0.1:" + replica);
    redisson = Redisson.create(config);
    prefix = Backends.uniquePrefix();
  }

  @TearDown
  public void stop() throws InterruptedException {
    try {
      if (redisson != null) {
        redisson.shutdown();
      }
    } finally {
      for (Process server : servers) {
        server.destroyForcibly();
      }
      for (Process server : servers) {
        server.waitFor(10, TimeUnit.SECONDS);
      }
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        // a temporary folder: the system cleans it up eventually
      }
    }
  }

  /** The shared client (master/replica mode). */
  public RedissonClient redisson() {
    return redisson;
  }

  /** A key of this trial. */
  public String key(String name) {
    return prefix + ":" + name;
  }

  /** gogoscope's Redis stores on the shared client, their keys under this trial's prefix. */
  public RedisStores.Builder gogoscopeStores() {
    return RedisStores.builder(redisson).keyPrefix(prefix + ":");
  }

  private void startServer(int port, String... more) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        "redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
        "--appendonly", "no", "--daemonize", "no", "--dir", folder.toString(),
        // the replica's first sync goes over the socket, not through a dump file
        "--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0"));
    command.addAll(List.of(more));
    Process server;
    try {
      server = new ProcessBuilder(command)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      throw new IllegalStateException("this benchmark starts its own redis-server, which is not on the PATH", e);
    }
    servers.add(server);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!cli(port, "PING").startsWith("PONG")) {
      if (!server.isAlive() || System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("redis-server on port " + port + " did not come up");
      }
      Thread.sleep(50);
    }
  }

  private static String cli(int port, String... command) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
    args.addAll(List.of(command));
    Process cli = new ProcessBuilder(args).redirectErrorStream(true).start();
    cli.getOutputStream().close();
    if (!cli.waitFor(10, TimeUnit.SECONDS)) {
      cli.destroyForcibly();
      return "";
    }
    return new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }
}
