package io.gogoscope.examples.tracing;

import io.gogoscope.ScopeRuntime;
import io.gogoscope.examples.monitoring.OrderFlow;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;

/**
 * Traces one order with the OpenTelemetry SDK and prints its spans as a tree. With the environment
 * variable {@code OTEL_EXPORTER_OTLP_ENDPOINT} set (e.g. {@code http://localhost:4318}, Jaeger's
 * OTLP/HTTP port in examples/monitoring/docker-compose.yml) the same spans also go to that
 * collector.
 */
public final class TraceTreeExample {
  // OpenTelemetry's semantic-convention name; the semconv artifact is not worth a dependency here.
  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  private TraceTreeExample() {}

  /** Traces one order and returns its finished spans; {@code otlpEndpoint} may be {@code null}. */
  public static List<SpanData> traceOneOrder(String otlpEndpoint) {
    CollectingSpanExporter collected = new CollectingSpanExporter();
    SdkTracerProviderBuilder tracing =
        SdkTracerProvider.builder()
            .setResource(Resource.create(Attributes.of(SERVICE_NAME, "gogoscope-orders")))
            .addSpanProcessor(SimpleSpanProcessor.create(collected));
    if (otlpEndpoint != null && !otlpEndpoint.isBlank()) {
      tracing.addSpanProcessor(
          BatchSpanProcessor.builder(
                  OtlpHttpSpanExporter.builder().setEndpoint(otlpEndpoint + "/v1/traces").build())
              .build());
    }
    try (OpenTelemetrySdk openTelemetry =
        OpenTelemetrySdk.builder().setTracerProvider(tracing.build()).build()) {
      ScopeRuntime runtime = ScopeRuntime.builder().openTelemetry(openTelemetry).build();
      new OrderFlow(runtime).process(OrderFlow.Plan.traced());
    } // closing the SDK flushes the OTLP exporter
    return collected.spans();
  }

  /** Prints the trace tree of one order. */
  public static void main(String[] args) {
    String otlp = System.getenv("OTEL_EXPORTER_OTLP_ENDPOINT");
    System.out.print(TraceTree.render(traceOneOrder(otlp)));
    if (otlp != null) {
      System.out.println("spans sent to " + otlp + " (Jaeger UI: http://localhost:16686)");
    }
  }
}
