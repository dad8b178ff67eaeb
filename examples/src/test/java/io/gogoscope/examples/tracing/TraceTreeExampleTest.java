package io.gogoscope.examples.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.gogoscope.observe.otel.ScopeSpanAttributes;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The example's trace of one order, from the real runtime and the OpenTelemetry SDK. */
class TraceTreeExampleTest {

  @Test
  void oneOrderGivesTheTreeOfGoGoScope() {
    List<SpanData> spans = TraceTreeExample.traceOneOrder(null);
    String tree = TraceTree.render(spans);

    assertThat(tree.lines().toList())
        .as(tree)
        .satisfiesExactly(
            line -> assertThat(line).matches("\\[process-order] scope \\d+ms"),
            line -> assertThat(line).matches("├── \\[validate-order] task \\d+ms ✓"),
            line -> assertThat(line).matches("├── \\[process-payment] task \\d+ms ✓  retry_attempts=1"),
            line -> assertThat(line).matches("└── \\[send-notification] task \\d+ms ✗ timeout"));
    SpanData order = named(spans, "process-order");
    for (String task : List.of("validate-order", "process-payment", "send-notification")) {
      assertThat(named(spans, task).getParentSpanId()).as(task).isEqualTo(order.getSpanId());
      assertThat(named(spans, task).getTraceId()).isEqualTo(order.getTraceId());
    }
    assertThat(named(spans, "process-payment").getAttributes().asMap())
        .containsEntry(io.opentelemetry.api.common.AttributeKey.longKey("order.id"), 1L)
        .containsEntry(ScopeSpanAttributes.TASK_HAS_RETRY, true);
    assertThat(named(spans, "process-payment").getEvents())
        .extracting(event -> event.getName())
        .containsExactly(ScopeSpanAttributes.RETRY_EVENT);
  }

  @Test
  void theSameSpansGoToAnOtlpCollector() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer collector =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    collector.createContext(
        "/v1/traces",
        exchange -> {
          try (exchange) {
            received.add(
                exchange.getRequestHeaders().getFirst("Content-Type")
                    + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1));
            exchange.sendResponseHeaders(200, -1);
          }
        });
    collector.start();
    try {
      TraceTreeExample.traceOneOrder("http://127.0.0.1:" + collector.getAddress().getPort());
    } finally {
      collector.stop(0);
    }

    String all = String.join("\n", received);
    assertThat(received).isNotEmpty().allMatch(request -> request.startsWith("application/x-protobuf"));
    assertThat(all).contains("process-order", "validate-order", "process-payment", "send-notification");
  }

  private static SpanData named(List<SpanData> spans, String name) {
    return spans.stream().filter(span -> span.getName().equals(name)).findFirst().orElseThrow();
  }
}
