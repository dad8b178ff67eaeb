package io.gogoscope.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

/**
 * Probes the servers named by {@link RequiresServer} before a test class runs. Also usable from
 * code that decides at run time: {@link #require(String, String, int)}.
 */
public final class RequiresServerExtension implements BeforeAllCallback {

  private static final int PROBE_TIMEOUT_MILLIS = 2_000;

  /** Creates the extension (JUnit does, through {@link RequiresServer}). */
  public RequiresServerExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    for (RequiresServer server :
        AnnotationSupport.findRepeatableAnnotations(context.getRequiredTestClass(), RequiresServer.class)) {
      require(server.name(), server.host(), server.port());
    }
  }

  /**
   * Returns when {@code host:port} accepts a TCP connection; otherwise aborts the current test
   * (a skip), or fails it when the environment variable {@code CI} is {@code true}.
   *
   * @throws TestAbortedException when the server is unreachable outside CI
   * @throws AssertionError when the server is unreachable under {@code CI=true}
   */
  public static void require(String name, String host, int port) {
    IOException failure = probe(host, port);
    if (failure == null) {
      return;
    }
    String message =
        name + " is not reachable on " + host + ":" + port + " (" + failure + "); start it (.ci/run"
            + " starts every server the tests need) or run without it to skip these tests";
    if (isCi()) {
      throw new AssertionError("CI=true and " + message, failure);
    }
    throw new TestAbortedException("skipped: " + message, failure);
  }

  /** {@code true} when the environment variable {@code CI} is {@code true} (any case). */
  public static boolean isCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  private static IOException probe(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), PROBE_TIMEOUT_MILLIS);
      return null;
    } catch (IOException e) {
      return e;
    }
  }
}
