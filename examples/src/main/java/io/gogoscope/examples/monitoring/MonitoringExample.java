package io.gogoscope.examples.monitoring;

import io.gogoscope.ScopeRuntime;
import io.gogoscope.observe.micrometer.MetricsReporter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The program Prometheus scrapes: it processes orders ({@link OrderFlow}) in a loop and serves
 * gogoscope's metrics at {@code /metrics}.
 *
 * <pre>
 * mvn -q -B -DskipTests -Pexamples -pl examples -am verify \
 *     -Dexamples.main=io.gogoscope.examples.monitoring.MonitoringExample
 * </pre>
 *
 * With {@code examples/monitoring/docker-compose.yml} up, Prometheus scrapes it and Grafana shows
 * the gogoscope dashboard. Arguments: the port (default 9095; 0 picks a free one) and, optionally,
 * how many orders to process before stopping (default: until killed).
 *
 * <p>The endpoint listens on loopback unless {@code -Dgogoscope.metrics.address=ADDRESS} (or the
 * environment variable {@code GOGOSCOPE_METRICS_ADDRESS}) names another address. Prometheus in
 * Docker reaches the host through {@code host-gateway}, which on Linux's Docker Engine is the
 * bridge's address (172.17.0.1 by default), not loopback: there use {@code 0.0.0.0} or that
 * address. Docker Desktop forwards to loopback, so the default works there.
 */
public final class MonitoringExample implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final MetricsEndpoint endpoint;
  private final OrderFlow flow;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger processed = new AtomicInteger();
  private final Thread orders;

  /** The system property that names the address the metrics endpoint listens on. */
  public static final String ADDRESS_PROPERTY = "gogoscope.metrics.address";

  /** The environment variable read when {@value #ADDRESS_PROPERTY} is not set. */
  public static final String ADDRESS_VARIABLE = "GOGOSCOPE_METRICS_ADDRESS";

  private MonitoringExample(InetSocketAddress address, Duration pause) throws IOException {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ScopeRuntime runtime = ScopeRuntime.builder().meterRegistry(registry).build();
    flow = new OrderFlow(runtime);
    endpoint =
        MetricsEndpoint.start(address, registry);
    orders = Thread.ofPlatform().name("orders").daemon().start(() -> processOrders(pause));
  }

  /**
   * Serves metrics on {@code port} (0 for any free port) on loopback and processes an order every
   * {@code pause}, several at once, until closed.
   */
  public static MonitoringExample start(int port, Duration pause) throws IOException {
    return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), pause);
  }

  /** Serves metrics on {@code address} and processes orders as {@link #start(int, Duration)}. */
  public static MonitoringExample start(InetSocketAddress address, Duration pause)
      throws IOException {
    return new MonitoringExample(address, pause);
  }

  /**
   * The address to listen on: {@code setting} (a host name or IP literal, {@code 0.0.0.0} for
   * every interface) with {@code port}, or loopback when the setting is null or blank.
   */
  static InetSocketAddress listenAddress(String setting, int port) {
    if (setting == null || setting.isBlank()) {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }
    InetSocketAddress address = new InetSocketAddress(setting.strip(), port);
    if (address.isUnresolved()) {
      throw new IllegalArgumentException(
          "cannot resolve the metrics address \"" + setting + "\" (" + ADDRESS_PROPERTY + ")");
    }
    return address;
  }

  private void processOrders(Duration pause) {
    try (var workers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      int number = 0;
      while (running.get()) {
        int order = number++;
        workers.submit(
            () -> {
              flow.process(OrderFlow.Plan.varied(order));
              processed.incrementAndGet();
            });
        Thread.sleep(pause);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closing: stop submitting orders
    }
  }

  /** The {@code /metrics} endpoint. */
  public MetricsEndpoint endpoint() {
    return endpoint;
  }

  /** The registry the endpoint serves. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** How many orders have been processed to the end. */
  public int processed() {
    return processed.get();
  }

  /** Stops processing (orders in flight finish) and serving. */
  @Override
  public void close() {
    running.set(false);
    boolean interrupted = false;
    while (orders.isAlive()) {
      try {
        orders.join();
      } catch (InterruptedException e) {
        interrupted = true; // finish closing first, then hand the interrupt back
      }
    }
    endpoint.close();
    registry.close();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs the example; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 9095;
    long limit = args.length > 1 ? Long.parseLong(args[1]) : Long.MAX_VALUE;
    String setting = System.getProperty(ADDRESS_PROPERTY, System.getenv(ADDRESS_VARIABLE));
    try (MonitoringExample example = start(listenAddress(setting, port), Duration.ofMillis(50))) {
      System.out.println("metrics at " + example.endpoint().url());
      MetricsReporter reporter =
          MetricsReporter.builder(example.registry()::scrape)
              .interval(Duration.ofSeconds(10))
              .onExport(MonitoringExample::printSummary)
              .start();
      while (example.processed() < limit) {
        Thread.sleep(100);
      }
      reporter.close(); // prints the last summary
    }
  }

  /** What the periodic reporter prints: the task counters out of the Prometheus text. */
  static void printSummary(String prometheusText) {
    prometheusText
        .lines()
        .filter(line -> line.startsWith("goscope_tasks_"))
        .forEach(line -> System.out.println("  " + line));
  }
}
