package io.gogoscope.bench.calls;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.Collection;
import java.util.List;

/**
 * What the observed variants' SDKs record, so a trial can check it: a span processor that counts
 * ended spans and keeps the last one, an exporter that counts what a batch processor hands it, and
 * a sampler that counts its decisions and drops every span. Each trial's state is used by one
 * thread, so plain fields suffice (the batch exporter's count is read after the processor shut
 * down, which waits for its worker).
 */
final class CountingSpans {

  private CountingSpans() {}

  /** Counts ended spans; keeps the last so its attributes can be checked. */
  static final class Processor implements SpanProcessor {
    long ended;
    ReadableSpan last;

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      ended++;
      last = span;
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }

    /** The last span's {@code key}, or {@code null} when none ended. */
    <T> T lastAttribute(AttributeKey<T> key) {
      return last == null ? null : last.getAttribute(key);
    }
  }

  /** Exports nowhere; counts the spans handed to it. */
  static final class Exporter implements SpanExporter {
    volatile long exported;
    volatile SpanData last;

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      exported += spans.size();
      for (SpanData span : spans) {
        last = span;
      }
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  /** Drops every span, counting how often it was asked. */
  static final class DropAll implements Sampler {
    long decisions;

    @Override
    public SamplingResult shouldSample(
        Context parentContext,
        String traceId,
        String name,
        SpanKind spanKind,
        Attributes attributes,
        List<LinkData> parentLinks) {
      decisions++;
      return SamplingResult.drop();
    }

    @Override
    public String getDescription() {
      return "DropAll";
    }
  }
}
