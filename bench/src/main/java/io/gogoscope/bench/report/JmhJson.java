package io.gogoscope.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the file JMH writes with {@code -rf json}. */
final class JmhJson {

  /** The secondary metric {@code -prof gc} reports (older JMH prefixed it with a middle dot). */
  private static final String ALLOCATION = "gc.alloc.rate.norm";

  private JmhJson() {}

  static List<Measurement> read(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    if (root == null || !root.isArray()) {
      throw new IOException(file + " is not a JMH JSON result (expected an array of benchmarks)");
    }
    List<Measurement> measurements = new ArrayList<>();
    for (JsonNode node : root) {
      measurements.add(measurement(node));
    }
    return measurements;
  }

  private static Measurement measurement(JsonNode node) {
    JsonNode primary = node.path("primaryMetric");
    JsonNode allocation = allocation(node.path("secondaryMetrics"));
    Map<String, String> params = new LinkedHashMap<>();
    node.path("params").properties().forEach(entry -> params.put(entry.getKey(), entry.getValue().asText()));
    List<String> jvmArgs = new ArrayList<>();
    node.path("jvmArgs").forEach(arg -> jvmArgs.add(arg.asText()));
    return new Measurement(
        node.path("benchmark").asText(),
        node.path("mode").asText(),
        params,
        number(primary.path("score")),
        number(primary.path("scoreError")),
        primary.path("scoreUnit").asText(),
        allocation == null ? Double.NaN : number(allocation.path("score")),
        allocation == null ? Double.NaN : number(allocation.path("scoreError")),
        new Measurement.RunSettings(
            node.path("jdkVersion").asText(),
            node.path("vmName").asText(),
            node.path("vmVersion").asText(),
            jvmArgs,
            node.path("forks").asInt(),
            node.path("threads").asInt(),
            node.path("warmupIterations").asInt(),
            node.path("warmupTime").asText(),
            node.path("measurementIterations").asInt(),
            node.path("measurementTime").asText()));
  }

  private static JsonNode allocation(JsonNode secondary) {
    for (Map.Entry<String, JsonNode> entry : secondary.properties()) {
      if (entry.getKey().replace("\u00b7", "").equals(ALLOCATION)) {
        return entry.getValue();
      }
    }
    return null;
  }

  /** JMH writes {@code "NaN"} as a string where there is no value (one sample, no error). */
  private static double number(JsonNode node) {
    if (node.isNumber()) {
      return node.asDouble();
    }
    String text = node.asText("");
    return text.isEmpty() ? Double.NaN : Double.parseDouble(text);
  }
}
