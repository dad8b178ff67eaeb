package io.gogoscope.observe.otel;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.Collections;

/**
 * Asks the OpenTelemetry SDK's sampler what the SDK's span builder would ask it for a task's span
 * under a valid, unsampled parent: the parent context, the parent's trace id, the task's name, kind
 * {@code INTERNAL}, no attributes and no links (a task's span sets none before it starts). A sampler
 * that decides from those gives the same answer both ways, so a span it drops need not be built;
 * the SDK's parent-based samplers (its default) drop every such span.
 *
 * <p>Written here rather than left to the SDK because the SDK's own path builds a span builder, a
 * random span id as hex, a span context and a wrapper for a span it then drops: under an unsampled
 * request that was most of what a sampled-out call cost beyond the metrics-only call
 * ({@code ObservabilityBenchmark.gogoscope_sampledOutInRequest}).
 *
 * <p>A sampler that keeps a child of an unsampled parent is then asked a second time, by the SDK's
 * span builder; after the first such answer this shortcut stops asking, so a sampler with state (a
 * rate limiter) sees at most one extra question. The SDK's own telemetry (its
 * {@code otel.sdk.span.*} metrics, when an application turns them on) does not count the spans
 * skipped here.
 */
final class SdkSamplerShortcut implements SamplerShortcut {
  private final Sampler sampler;
  /**
   * Cleared once the sampler kept a child of an unsampled parent. Written without ordering: it
   * only ever goes from true to false, and a thread that still reads true asks once more.
   */
  private boolean asking = true;

  private SdkSamplerShortcut(Sampler sampler) {
    this.sampler = sampler;
  }

  /** The SDK's sampler behind {@code openTelemetry}, or {@link SamplerShortcut#NONE}. */
  static SamplerShortcut of(OpenTelemetry openTelemetry) {
    return openTelemetry instanceof OpenTelemetrySdk sdk
        ? new SdkSamplerShortcut(sdk.getSdkTracerProvider().getSampler())
        : SamplerShortcut.NONE;
  }

  @Override
  public boolean dropsChildOfUnsampled(Context parent, SpanContext parentSpan, String name) {
    if (!asking) {
      return false;
    }
    SamplingDecision decision = sampler
        .shouldSample(parent, parentSpan.getTraceId(), name, SpanKind.INTERNAL, Attributes.empty(),
            Collections.emptyList())
        .getDecision();
    if (decision == SamplingDecision.DROP) {
      return true;
    }
    asking = false;
    return false;
  }
}
