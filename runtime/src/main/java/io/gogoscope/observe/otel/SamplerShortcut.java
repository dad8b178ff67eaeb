package io.gogoscope.observe.otel;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;

/**
 * Tells, before any span is built, that the tracer's sampler drops a task's span under an unsampled
 * parent: the usual shape of a sampled-out call (a request its server's sampler dropped), where
 * starting the span through the API would cost a span builder, a span id, a span context and a
 * wrapper only to be thrown away. Only the OpenTelemetry SDK lets its sampler be asked
 * ({@link SdkSamplerShortcut}); with any other implementation, or without the SDK on the class path,
 * the answer is always "unknown" and the span is started as before.
 */
interface SamplerShortcut {

  /** Never knows: every span is started through the tracer. */
  SamplerShortcut NONE = (parent, parentSpan, name) -> false;

  /**
   * True when the sampler drops a span named {@code name} whose parent is {@code parentSpan}
   * (valid, not sampled) in {@code parent}; false when it would keep it or cannot be asked.
   */
  boolean dropsChildOfUnsampled(Context parent, SpanContext parentSpan, String name);

  /** The shortcut for {@code openTelemetry}'s tracers: the SDK's sampler when it is the SDK. */
  static SamplerShortcut of(OpenTelemetry openTelemetry) {
    return SdkPresence.SDK_ON_CLASS_PATH ? SdkSamplerShortcut.of(openTelemetry) : NONE;
  }

  /** Whether the SDK can be loaded: the runtime's dependency on it is optional. */
  final class SdkPresence {
    static final boolean SDK_ON_CLASS_PATH = present("io.opentelemetry.sdk.OpenTelemetrySdk")
        && present("io.opentelemetry.sdk.trace.samplers.Sampler");

    private SdkPresence() {}

    private static boolean present(String name) {
      try {
        Class.forName(name, false, SamplerShortcut.class.getClassLoader());
        return true;
      } catch (ClassNotFoundException | LinkageError absent) {
        return false;
      }
    }
  }
}
