package io.gogoscope.bench.infra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A server some benchmarks need, on this machine's loopback (override with the environment
 * variables named here). The suite runner leaves out the benchmarks of an unreachable server with
 * a message, or fails when {@code CI=true}.
 */
public enum Service {
  /** Redis, {@code GOGOSCOPE_BENCH_REDIS_HOST}/{@code _PORT} (127.0.0.1:6379). */
  REDIS("GOGOSCOPE_BENCH_REDIS", 6379),
  /** PostgreSQL, db {@code test}, user {@code postgres}, trust auth ({@code GOGOSCOPE_BENCH_POSTGRES_HOST}/{@code _PORT}). */
  POSTGRES("GOGOSCOPE_BENCH_POSTGRES", 5432);

  private final String envPrefix;
  private final int defaultPort;

  Service(String envPrefix, int defaultPort) {
    this.envPrefix = envPrefix;
    this.defaultPort = defaultPort;
  }

  /** The host to connect to. */
  public String host() {
    String host = System.getenv(envPrefix + "_HOST");
    return host == null || host.isBlank() ? "127.0.0.1" : host;
  }

  /** The port to connect to. */
  public int port() {
    String port = System.getenv(envPrefix + "_PORT");
    return port == null || port.isBlank() ? defaultPort : Integer.parseInt(port);
  }

  /** Whether a TCP connection opens within a second. */
  public boolean reachable() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host(), port()), 1000);
      return true;
    } catch (IOException e) {
      return false; // unreachable is the answer, not an error
    }
  }

  /** {@code host:port}, for messages. */
  public String address() {
    return host() + ":" + port();
  }
}
