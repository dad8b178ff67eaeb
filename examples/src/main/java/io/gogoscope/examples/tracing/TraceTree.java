package io.gogoscope.examples.tracing;

import io.gogoscope.observe.otel.ScopeSpanAttributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Draws finished spans as a tree, the way Jaeger's timeline nests them:
 *
 * <pre>
 * [process-order] scope 212ms
 * ├── [validate-order] task 45ms ✓
 * ├── [process-payment] task 120ms ✓  retry_attempts=1
 * └── [send-notification] task 30ms ✗ timeout
 * </pre>
 *
 * Spans whose parent is not among them are roots; sibling tasks are in fork order, other spans in
 * order of start.
 */
public final class TraceTree {
  private TraceTree() {}

  /** The tree of {@code spans}, one line per span. */
  public static String render(List<SpanData> spans) {
    Set<String> ids = spans.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
    Map<String, List<SpanData>> children = new LinkedHashMap<>();
    List<SpanData> roots = new ArrayList<>();
    for (SpanData span : sortedByStart(spans)) {
      if (ids.contains(span.getParentSpanId())) {
        children.computeIfAbsent(span.getParentSpanId(), id -> new ArrayList<>()).add(span);
      } else {
        roots.add(span);
      }
    }
    StringBuilder out = new StringBuilder();
    for (SpanData root : roots) {
      draw(root, "", "", children, out);
    }
    return out.toString();
  }

  /** Tasks in fork order (their threads may start in any order), everything else by start time. */
  private static List<SpanData> sortedByStart(List<SpanData> spans) {
    Comparator<SpanData> byIndex =
        Comparator.comparingLong(
            span -> {
              Long index = span.getAttributes().get(ScopeSpanAttributes.TASK_INDEX);
              return index != null ? index : Long.MAX_VALUE;
            });
    return spans.stream()
        .sorted(byIndex.thenComparingLong(SpanData::getStartEpochNanos))
        .toList();
  }

  private static void draw(
      SpanData span, String lead, String childLead, Map<String, List<SpanData>> children, StringBuilder out) {
    out.append(lead).append(line(span)).append('\n');
    List<SpanData> below = children.getOrDefault(span.getSpanId(), List.of());
    for (int i = 0; i < below.size(); i++) {
      boolean last = i == below.size() - 1;
      draw(
          below.get(i),
          childLead + (last ? "└── " : "├── "),
          childLead + (last ? "    " : "│   "),
          children,
          out);
    }
  }

  /** {@code [name] kind 45ms ✓} and what went wrong or was retried. */
  static String line(SpanData span) {
    boolean task = span.getAttributes().get(ScopeSpanAttributes.TASK_INDEX) != null;
    StringBuilder line = new StringBuilder();
    line.append('[').append(span.getName()).append("] ");
    line.append(task ? "task" : span.getAttributes().get(ScopeSpanAttributes.SCOPE_HAS_PARENT_SCOPE) != null ? "scope" : "span");
    line.append(' ').append(Math.round(millis(span, task))).append("ms");
    if (task) {
      boolean failed = span.getStatus().getStatusCode() == StatusCode.ERROR;
      line.append(failed ? " ✗" : " ✓");
      if (failed) {
        line.append(' ').append(span.getAttributes().get(ScopeSpanAttributes.TASK_ERROR_REASON));
      }
      Long retries = span.getAttributes().get(ScopeSpanAttributes.TASK_RETRY_ATTEMPTS);
      if (retries != null && retries > 0) {
        line.append("  retry_attempts=").append(retries);
      }
    }
    return line.toString();
  }

  /** The duration gogoscope measured, or the span's own when the attribute is missing. */
  private static double millis(SpanData span, boolean task) {
    Double measured =
        span.getAttributes()
            .get(task ? ScopeSpanAttributes.TASK_DURATION_MS : ScopeSpanAttributes.SCOPE_DURATION_MS);
    return measured != null
        ? measured
        : (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1_000_000.0;
  }
}
