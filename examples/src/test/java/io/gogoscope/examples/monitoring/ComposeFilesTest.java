package io.gogoscope.examples.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the compose stack without Docker: the services are there, every file it
 * mounts exists, and Grafana's provisioning points at the dashboard and data source it mounts.
 */
class ComposeFilesTest {
  @Test
  void composeRunsJaegerPrometheusAndGrafana() {
    JsonNode services = MonitoringAssets.yaml("docker-compose.yml").path("services");
    assertThat(services.has("jaeger") && services.has("prometheus") && services.has("grafana")).isTrue();
    assertThat(services.path("jaeger").path("environment").path("COLLECTOR_OTLP_ENABLED").asText())
        .isEqualTo("true");
    assertThat(services.path("jaeger").path("ports").toString()).contains("4318:4318");
  }

  @Test
  void everyMountedFileExists() {
    assertThat(MonitoringAssets.composeMounts()).isNotEmpty();
    for (String mount : MonitoringAssets.composeMounts()) {
      assertThat(MonitoringAssets.file(mount)).as("mounted by docker-compose.yml").exists();
    }
  }

  @Test
  void grafanaProvisionsTheDataSourceTheDashboardUses() throws Exception {
    JsonNode source = MonitoringAssets.yaml("grafana/provisioning/datasources/prometheus.yml").path("datasources").get(0);
    assertThat(source.path("url").asText()).isEqualTo("http://prometheus:9090");
    String uid = source.path("uid").asText();
    for (JsonNode panel : MonitoringAssets.dashboard().path("panels")) {
      if (!panel.path("type").asText().equals("row")) {
        assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo(uid);
      }
    }
    String dashboards =
        MonitoringAssets.yaml("grafana/provisioning/dashboards/gogoscope.yml")
            .path("providers").get(0).path("options").path("path").asText();
    assertThat(Files.readString(MonitoringAssets.file("docker-compose.yml")))
        .contains("./grafana/dashboards:" + dashboards);
  }

  @Test
  void dashboardHasThePanelsOfGoGoScope() {
    assertThat(MonitoringAssets.dashboardQueries().keySet())
        .anyMatch(key -> key.startsWith("Task rate"))
        .anyMatch(key -> key.startsWith("Task duration (average and p95)"))
        .anyMatch(key -> key.startsWith("Task success rate"))
        .anyMatch(key -> key.startsWith("Resources registered / disposed"))
        .anyMatch(key -> key.startsWith("Active resources"))
        .anyMatch(key -> key.startsWith("Scope lifetime"))
        .anyMatch(key -> key.startsWith("Concurrency"));
    assertThat(MonitoringAssets.dashboardQueries().get("Task duration (average and p95) / B"))
        .startsWith("histogram_quantile(0.95,");
  }
}
