package io.gogoscope.examples.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The files in examples/monitoring/, read the way Grafana and Prometheus read them. */
final class MonitoringAssets {
  private MonitoringAssets() {}

  /** examples/monitoring/ (tests run with the examples module as working directory). */
  static Path directory() {
    Path dir = Path.of("monitoring").toAbsolutePath();
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(dir + " is missing: run the tests from the examples module");
    }
    return dir;
  }

  static Path file(String relative) {
    return directory().resolve(relative);
  }

  static JsonNode dashboard() {
    return read(new ObjectMapper(), file("grafana/dashboards/gogoscope.json"));
  }

  static JsonNode yaml(String relative) {
    return read(new YAMLMapper(), file(relative));
  }

  private static JsonNode read(ObjectMapper mapper, Path path) {
    try {
      return mapper.readTree(path.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /**
   * Every dashboard query as Prometheus receives it with the dashboard's defaults (prefix
   * {@code goscope}, every job and instance), keyed by "panel title / refId".
   */
  static Map<String, String> dashboardQueries() {
    Map<String, String> queries = new LinkedHashMap<>();
    rawDashboardQueries().forEach((where, expr) -> queries.put(where, resolve(expr)));
    return queries;
  }

  /** Every dashboard query as written, with Grafana's variables, keyed by "panel title / refId". */
  static Map<String, String> rawDashboardQueries() {
    Map<String, String> queries = new LinkedHashMap<>();
    for (JsonNode panel : dashboard().path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        queries.put(
            panel.path("title").asText() + " / " + target.path("refId").asText(),
            target.path("expr").asText());
      }
    }
    return queries;
  }

  /**
   * What Grafana sends for {@code expr} with the dashboard's default variables: the prefix
   * {@code goscope}, and "All" jobs and instances (the variables' allValue, {@code .*}).
   */
  static String resolve(String expr) {
    return expr.replace("${prefix}", "goscope")
        .replace("$job", ".*")
        .replace("$instance", ".*");
  }

  /** Every alert expression, keyed by alert name. */
  static Map<String, String> alertExpressions() {
    Map<String, String> alerts = new LinkedHashMap<>();
    for (JsonNode group : yaml("alerts.yml").path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        alerts.put(rule.path("alert").asText(), rule.path("expr").asText());
      }
    }
    return alerts;
  }

  /** The dashboard panel titled {@code title}. */
  static JsonNode panel(String title) {
    for (JsonNode panel : dashboard().path("panels")) {
      if (panel.path("title").asText().equals(title)) {
        return panel;
      }
    }
    throw new IllegalStateException("the dashboard has no panel \"" + title + "\"");
  }

  /** The dashboard's task-rate query: the first query of the panel "Task rate". */
  static String taskRateQuery() {
    String query = dashboardQueries().get("Task rate / A");
    if (query == null) {
      throw new IllegalStateException("the dashboard has no panel \"Task rate\" with a query A");
    }
    return query;
  }

  /** The host paths docker-compose.yml mounts, relative to examples/monitoring/. */
  static List<String> composeMounts() {
    List<String> mounts = new ArrayList<>();
    yaml("docker-compose.yml")
        .path("services")
        .forEach(
            service ->
                service.path("volumes").forEach(volume -> mounts.add(volume.asText().split(":")[0])));
    return mounts;
  }
}
