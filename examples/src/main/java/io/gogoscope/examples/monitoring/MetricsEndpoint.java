package io.gogoscope.examples.monitoring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves a Prometheus registry's text at {@code /metrics} with the JDK's HTTP server. The text is
 * micrometer-registry-prometheus's own rendering; this class only moves it over HTTP.
 */
public final class MetricsEndpoint implements AutoCloseable {
  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService handlers;

  private MetricsEndpoint(HttpServer server, ExecutorService handlers) {
    this.server = server;
    this.handlers = handlers;
  }

  /**
   * Serves {@code registry} at {@code http://address/metrics} until closed; port 0 picks a free
   * port (see {@link #port()}).
   */
  public static MetricsEndpoint start(InetSocketAddress address, PrometheusMeterRegistry registry)
      throws IOException {
    HttpServer server = HttpServer.create(address, 0);
    server.createContext("/metrics", exchange -> serve(exchange, registry));
    ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(handlers);
    server.start();
    return new MetricsEndpoint(server, handlers);
  }

  private static void serve(HttpExchange exchange, PrometheusMeterRegistry registry)
      throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** The port the endpoint listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The endpoint's URL. */
  public String url() {
    return "http://" + server.getAddress().getHostString() + ":" + port() + "/metrics";
  }

  /** Stops serving; a scrape in progress gets up to a second to finish. */
  @Override
  public void close() {
    server.stop(1);
    handlers.close();
  }
}
