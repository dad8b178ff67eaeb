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
    assertThat(services.path("jaeger").path("ports").toString()).contains("4318:4318");
  }

  @Test
  void prometheusReachesTheHostOnLinuxDockerEngineToo() {
    // Docker Desktop knows host.docker.internal by itself; Docker Engine on Linux only through
    // this mapping to the bridge's gateway.
    JsonNode prometheus = MonitoringAssets.yaml("docker-compose.yml").path("services").path("prometheus");
    assertThat(prometheus.path("extra_hosts").toString()).contains("host.docker.internal:host-gateway");
    assertThat(MonitoringAssets.yaml("prometheus.yml").toString()).contains("host.docker.internal:9095");
  }

  @Test
  void imagesArePinnedToCurrentReleases() {
    JsonNode services = MonitoringAssets.yaml("docker-compose.yml").path("services");
    assertThat(services.path("prometheus").path("image").asText()).matches("prom/prometheus:v3\\.\\d+\\.\\d+");
    assertThat(services.path("grafana").path("image").asText()).matches("grafana/grafana:12\\.\\d+\\.\\d+");
    assertThat(services.path("jaeger").path("image").asText()).matches("jaegertracing/jaeger:2\\.\\d+\\.\\d+");
  }

  @Test
  void everyMountedFileExists() {
    assertThat(MonitoringAssets.composeMounts()).isNotEmpty();
    for (String mount : MonitoringAssets.composeMounts()) {
      assertThat(MonitoringAssets.file(mount)).as("mounted by docker-compose.yml").exists();
    }
  }

  @Test
  void everyPanelUsesTheDataSourceVariable() throws Exception {
    JsonNode source = MonitoringAssets.yaml("grafana/provisioning/datasources/prometheus.yml").path("datasources").get(0);
    assertThat(source.path("url").asText()).isEqualTo("http://prometheus:9090");
    assertThat(source.path("type").asText()).isEqualTo("prometheus");
    for (JsonNode panel : MonitoringAssets.dashboard().path("panels")) {
      if (!panel.path("type").asText().equals("row")) {
        String title = panel.path("title").asText();
        assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo("${datasource}");
        panel.path("targets").forEach(
            target -> assertThat(target.path("datasource").path("uid").asText()).as(title).isEqualTo("${datasource}"));
      }
    }
    String dashboards =
        MonitoringAssets.yaml("grafana/provisioning/dashboards/gogoscope.yml")
            .path("providers").get(0).path("options").path("path").asText();
    assertThat(Files.readString(MonitoringAssets.file("docker-compose.yml")))
        .contains("./grafana/dashboards:" + dashboards);
  }

  @Test
  void dashboardImportsIntoAnyGrafana() {
    JsonNode variables = MonitoringAssets.dashboard().path("templating").path("list");
    assertThat(variables.findValuesAsText("name")).containsExactly("datasource", "prefix", "job", "instance");
    assertThat(variables.get(0).path("type").asText()).isEqualTo("datasource");
    assertThat(variables.get(0).path("query").asText()).isEqualTo("prometheus");
    assertThat(variables.get(1).path("query").asText()).isEqualTo("goscope");
    // No fixed data-source uid anywhere, so the dashboard imports next to any data source.
    assertThat(MonitoringAssets.dashboard().toString()).doesNotContain("\"uid\":\"prometheus\"");
    MonitoringAssets.rawDashboardQueries()
        .forEach(
            (where, expr) ->
                assertThat(expr)
                    .as(where)
                    .contains("${prefix}_")
                    .doesNotContain("goscope_")
                    .contains("job=~\"$job\"", "instance=~\"$instance\""));
  }

  @Test
  void circuitStateReadsAsNames() {
    JsonNode panel =
        MonitoringAssets.panel("Circuit state");
    assertThat(panel.path("type").asText()).isEqualTo("state-timeline");
    JsonNode mapping = panel.path("fieldConfig").path("defaults").path("mappings").get(0).path("options");
    assertThat(mapping.path("0").path("text").asText()).isEqualTo("CLOSED");
    assertThat(mapping.path("1").path("text").asText()).isEqualTo("HALF_OPEN");
    assertThat(mapping.path("2").path("text").asText()).isEqualTo("OPEN");
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
        .anyMatch(key -> key.startsWith("Concurrency"))
        .anyMatch(key -> key.startsWith("Circuit transitions"))
        .anyMatch(key -> key.startsWith("Disposal failures"))
        .anyMatch(key -> key.startsWith("Close timeouts"));
    assertThat(MonitoringAssets.dashboardQueries().get("Task duration (average and p95) / B"))
        .startsWith("histogram_quantile(0.95,");
  }
}
