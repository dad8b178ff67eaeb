package io.gogoscope.observe.otel;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;

/** Puts a {@code @SpanAttribute} value on a span with the closest OpenTelemetry attribute type. */
final class AttributeValues {
  private AttributeValues() {}

  static void put(SpanBuilder span, String key, Object value) {
    switch (value) {
      case null -> {} // an absent value is no attribute, as OpenTelemetry treats a null
      case String text -> span.setAttribute(key, text);
      case Boolean flag -> span.setAttribute(key, flag);
      case Long number -> span.setAttribute(key, number);
      case Integer number -> span.setAttribute(key, number.longValue());
      case Short number -> span.setAttribute(key, number.longValue());
      case Byte number -> span.setAttribute(key, number.longValue());
      case Double number -> span.setAttribute(key, number);
      case Float number -> span.setAttribute(key, number.doubleValue());
      default -> span.setAttribute(key, String.valueOf(value));
    }
  }

  static void put(Span span, String key, Object value) {
    switch (value) {
      case null -> {}
      case String text -> span.setAttribute(key, text);
      case Boolean flag -> span.setAttribute(key, flag);
      case Long number -> span.setAttribute(key, number);
      case Integer number -> span.setAttribute(key, number.longValue());
      case Short number -> span.setAttribute(key, number.longValue());
      case Byte number -> span.setAttribute(key, number.longValue());
      case Double number -> span.setAttribute(key, number);
      case Float number -> span.setAttribute(key, number.doubleValue());
      default -> span.setAttribute(key, String.valueOf(value));
    }
  }
}
