package io.gogoscope.examples.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's Prometheus server scrapes the running example (every second, with the example's alert
 * rules loaded) and answers every query of the dashboard with data, as Grafana sends it with the
 * dashboard's defaults (prefix goscope, all jobs and instances); the job and instance variables
 * find the example's job and instance. No Grafana can be had on this machine (none is packaged for
 * Debian or on Maven Central), so this is the dashboard's check against real data.
 */
class PrometheusServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void prometheusAnswersEveryDashboardQuery(@TempDir Path work) throws Exception {
    Path prometheus = ExternalTool.require("prometheus");
    try (MonitoringExample example = MonitoringExample.start(0, Duration.ofMillis(20))) {
      Path config = work.resolve("prometheus.yml");
      Files.writeString(
          config,
          """
          global:
            scrape_interval: 1s
            evaluation_interval: 1s
          rule_files:
            - %s
          scrape_configs:
            - job_name: gogoscope-example
              static_configs:
                - targets: ["127.0.0.1:%d"]
          """
              .formatted(MonitoringAssets.file("alerts.yml"), example.endpoint().port()));
      int port = freePort();
      Path log = work.resolve("prometheus.log");
      Process server =
          new ProcessBuilder(
                  prometheus.toString(),
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + work.resolve("data"),
                  "--web.listen-address=127.0.0.1:" + port)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      try {
        String api = "http://127.0.0.1:" + port + "/api/v1/";
        JsonNode result = awaitResult(api, MonitoringAssets.taskRateQuery(), log);
        assertThat(result).as("task-rate series").isNotEmpty();
        assertThat(result.findValuesAsText("task")).contains("validate-order", "process-payment");

        for (var query : MonitoringAssets.dashboardQueries().entrySet()) {
          assertThat(awaitResult(api, query.getValue(), log))
              .as("%s: %s", query.getKey(), query.getValue())
              .isNotEmpty();
        }
        // The dashboard's job and instance variables: label_values(goscope_tasks_spawned_total, ...).
        String match = "?match[]=" + URLEncoder.encode("goscope_tasks_spawned_total", StandardCharsets.UTF_8);
        assertThat(JSON.readTree(RunningExample.get(api + "label/job/values" + match)).path("data").toString())
            .contains("gogoscope-example");
        assertThat(JSON.readTree(RunningExample.get(api + "label/instance/values" + match)).path("data").toString())
            .contains("127.0.0.1:" + example.endpoint().port());

        JsonNode rules = JSON.readTree(RunningExample.get(api + "rules")).path("data").path("groups");
        assertThat(rules.findValuesAsText("name"))
            .contains("HighTaskErrorRate", "SlowTasks", "PotentialResourceLeak", "CircuitLeftOpen");
      } finally {
        server.destroy();
        if (!server.waitFor(20, TimeUnit.SECONDS)) {
          server.destroyForcibly().waitFor();
        }
      }
    }
  }

  /** Polls the query until it returns series (scrapes every second; a minute is generous). */
  private static JsonNode awaitResult(String api, String query, Path log) throws Exception {
    String url = api + "query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    Instant limit = Instant.now().plus(Duration.ofSeconds(90));
    JsonNode result = JSON.createArrayNode();
    while (Instant.now().isBefore(limit)) {
      try {
        result = JSON.readTree(RunningExample.get(url)).path("data").path("result");
        if (!result.isEmpty()) {
          return result;
        }
      } catch (IOException | AssertionError notYetUp) {
        // the server is still starting (connection refused or 503); try again
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "Prometheus returned no series for " + query + " within 90 s; its log:\n" + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
