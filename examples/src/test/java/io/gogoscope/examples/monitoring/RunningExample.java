package io.gogoscope.examples.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/** Helpers around a running {@link MonitoringExample}. */
final class RunningExample {
  private RunningExample() {}

  /** Waits (up to a minute, generous for a loaded machine) until {@code orders} orders are done. */
  static void awaitOrders(MonitoringExample example, int orders) throws InterruptedException {
    Instant limit = Instant.now().plus(Duration.ofMinutes(1));
    while (example.processed() < orders && Instant.now().isBefore(limit)) {
      Thread.sleep(20);
    }
    assertThat(example.processed()).as("orders processed within a minute").isGreaterThanOrEqualTo(orders);
  }

  /** GETs {@code url} and returns the body, failing on any status but 200. */
  static String get(String url) throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("GET " + url + ": " + response.body()).isEqualTo(200);
      return response.body();
    }
  }

  /** The metric names in a Prometheus text exposition. */
  static Set<String> metricNames(String exposition) {
    Set<String> names = new TreeSet<>();
    exposition
        .lines()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
    return names;
  }
}
