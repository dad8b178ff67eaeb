package io.gogoscope.persistence.redis;

import io.gogoscope.testing.RequiresServerExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.opentest4j.TestAbortedException;

/**
 * A redis-server of the test's own on a free port, which the test may stop and start again while
 * the machine's shared server stays up for everyone else. Nothing is persisted.
 */
final class PrivateRedisServer implements AutoCloseable {
  private final int port;
  private Process process;

  private PrivateRedisServer(int port) {
    this.port = port;
  }

  /** Starts a server on a free port; skips the test (fails under CI=true) without redis-server. */
  static PrivateRedisServer start() throws IOException, InterruptedException {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    PrivateRedisServer server = new PrivateRedisServer(port);
    server.startAgain();
    return server;
  }

  int port() {
    return port;
  }

  /** Starts the server again on the same port (empty: nothing was persisted). */
  void startAgain() throws IOException, InterruptedException {
    try {
      process =
          new ProcessBuilder(
                  "redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                  "--appendonly", "no", "--daemonize", "no")
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
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!answersPing()) {
      if (!process.isAlive() || System.nanoTime() - deadline > 0) {
        throw new AssertionError("private redis-server on port " + port + " did not come up (alive: " + process.isAlive() + ")");
      }
      Thread.sleep(50);
    }
  }

  /** Freezes the server (SIGSTOP): connections stay open but nothing answers. */
  void pause() throws IOException, InterruptedException {
    signal("-STOP");
  }

  /** Lets a paused server run on (SIGCONT). */
  void resume() throws IOException, InterruptedException {
    signal("-CONT");
  }

  private void signal(String signal) throws IOException, InterruptedException {
    int exit = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start().waitFor();
    if (exit != 0) {
      throw new AssertionError("kill " + signal + " " + process.pid() + " exited with " + exit);
    }
  }

  /** Stops the server (SIGTERM) and waits for it to exit. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private boolean answersPing() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = new byte[7];
      int read = in.readNBytes(reply, 0, reply.length);
      return new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false; // not up yet
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      resume(); // a paused server ignores SIGTERM until it runs again
      stop();
    }
  }
}
