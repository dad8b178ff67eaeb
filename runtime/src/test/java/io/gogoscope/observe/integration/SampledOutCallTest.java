package io.gogoscope.observe.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.Guard;
import io.gogoscope.Result;
import io.gogoscope.Scope;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.observe.otel.ScopeSpanAttributes;
import io.gogoscope.policy.Retry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A call whose span the sampler drops: the span is started before anything else is built, and a
 * dropped span is skipped (no attributes, no span state) while spans inside the call still see the
 * trace's decision; metrics are recorded all the same.
 */
class SampledOutCallTest {
  /** Drops roots named "dropped"; any other root is recorded; children follow their parent. */
  private static final Sampler DROP_ROOTS_NAMED_DROPPED =
      Sampler.parentBasedBuilder(new Sampler() {
        @Override
        public SamplingResult shouldSample(Context parent, String traceId, String name,
            SpanKind kind, Attributes attributes, List<LinkData> links) {
          return name.equals("dropped") ? SamplingResult.drop() : SamplingResult.recordAndSample();
        }

        @Override
        public String getDescription() {
          return "drop roots named dropped";
        }
      }).build();

  /** A request span that its server's sampler dropped, as a propagator would make it current. */
  private static final SpanContext UNSAMPLED_REQUEST = SpanContext.createFromRemoteParent(
      "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", TraceFlags.getDefault(),
      TraceState.getDefault());

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder()
          .addSpanProcessor(SimpleSpanProcessor.create(spans))
          .setSampler(DROP_ROOTS_NAMED_DROPPED)
          .build())
      .build();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ScopeRuntime runtime =
      ScopeRuntime.builder().openTelemetry(sdk).meterRegistry(meters).build();
  private final Tracer tracer = sdk.getTracer("inside");

  @AfterEach
  void closeSdk() {
    // Through the tracer provider: OpenTelemetrySdk is not Closeable in 1.21, the oldest version
    // the README supports (.ci/oldest-observability compiles these tests against it).
    sdk.getSdkTracerProvider().close();
  }

  @Test
  void droppedRootCallIsCurrentSoSpansInsideFollowItsDecision() {
    Guard guard = runtime.guard("dropped").retry(Retry.builder().maxAttempts(2).build()).build();
    AtomicReference<SpanContext> seenInside = new AtomicReference<>();

    Result<?, String> result = guard.call(() -> {
      seenInside.set(Span.current().getSpanContext());
      tracer.spanBuilder("inner").startSpan().end(); // a root "inner" would be recorded
      return "ok";
    });

    assertThat(result).isInstanceOf(Result.Ok.class);
    assertThat(seenInside.get().isValid()).as("the dropped span is current inside the call").isTrue();
    assertThat(seenInside.get().isSampled()).isFalse();
    assertThat(spans.getFinishedSpanItems()).isEmpty();
    assertThat(meters.get("goscope.tasks.completed").tag("task", "dropped").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void droppedCallUnderAnUnsampledParentLeavesTheParentCurrent() {
    Guard guard = runtime.guard("any").build();
    Span request = tracer.spanBuilder("dropped").startSpan(); // an unsampled request span
    AtomicReference<SpanContext> seenInside = new AtomicReference<>();
    try (var ignored = request.makeCurrent()) {
      guard.call(() -> {
        seenInside.set(Span.current().getSpanContext());
        tracer.spanBuilder("inner").startSpan().end();
        return null;
      });
    }
    request.end();

    assertThat(seenInside.get()).isEqualTo(request.getSpanContext());
    assertThat(spans.getFinishedSpanItems()).isEmpty();
    assertThat(meters.get("goscope.tasks.completed").tag("task", "any").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void callUnderAnUnsampledParentStartsNoSpanTheSamplerDrops() {
    CountingIds ids = new CountingIds();
    OpenTelemetrySdk counted = sdkWith(Sampler.parentBased(Sampler.alwaysOn()), ids, spans);
    try (SdkTracerProvider closedAtEnd = counted.getSdkTracerProvider()) {
      Guard guard = ScopeRuntime.builder().openTelemetry(counted).meterRegistry(meters).build()
          .guard("skipped").retry(Retry.builder().maxAttempts(2).build()).build();
      AtomicReference<SpanContext> seenInside = new AtomicReference<>();
      Span request = Span.wrap(UNSAMPLED_REQUEST);

      try (var ignored = request.makeCurrent()) {
        guard.call(() -> {
          seenInside.set(Span.current().getSpanContext());
          return "ok";
        });
      }

      assertThat(ids.spanIds).as("span ids generated for a span the sampler drops").isZero();
      assertThat(seenInside.get()).isEqualTo(UNSAMPLED_REQUEST);
      assertThat(spans.getFinishedSpanItems()).isEmpty();
      assertThat(meters.get("goscope.tasks.completed").tag("task", "skipped").counter().count())
          .isEqualTo(1.0);
    }
  }

  @Test
  void samplerThatKeepsChildrenOfUnsampledParentsStillGetsThemRecorded() {
    AtomicInteger asked = new AtomicInteger();
    Sampler keepsChildrenOfUnsampled = Sampler.parentBasedBuilder(Sampler.alwaysOff())
        .setLocalParentNotSampled(new Sampler() {
          @Override
          public SamplingResult shouldSample(Context parent, String traceId, String name,
              SpanKind kind, Attributes attributes, List<LinkData> links) {
            asked.incrementAndGet();
            return SamplingResult.recordAndSample();
          }

          @Override
          public String getDescription() {
            return "keeps children of unsampled parents";
          }
        })
        .build();
    OpenTelemetrySdk keeping = sdkWith(keepsChildrenOfUnsampled, new CountingIds(), spans);
    try (SdkTracerProvider closedAtEnd = keeping.getSdkTracerProvider()) {
      Guard guard = ScopeRuntime.builder().openTelemetry(keeping).build().guard("kept").build();
      Span request = Span.wrap(SpanContext.create(UNSAMPLED_REQUEST.getTraceId(),
          UNSAMPLED_REQUEST.getSpanId(), TraceFlags.getDefault(), TraceState.getDefault()));

      try (var ignored = Context.root().with(request).makeCurrent()) {
        guard.call(() -> 1);
        guard.call(() -> 2);
      }

      assertThat(spans.getFinishedSpanItems())
          .hasSize(2)
          .allSatisfy(span -> assertThat(span.getTraceId()).isEqualTo(UNSAMPLED_REQUEST.getTraceId()));
      assertThat(asked.get()).as("the SDK's two questions and one of gogoscope's, then no more")
          .isEqualTo(3);
    }
  }

  @Test
  void droppedRootCallUnderTheShortcutIsStillMadeCurrent() {
    CountingIds ids = new CountingIds();
    OpenTelemetrySdk dropping = sdkWith(Sampler.parentBased(Sampler.alwaysOff()), ids, spans);
    try (SdkTracerProvider closedAtEnd = dropping.getSdkTracerProvider()) {
      Guard guard = ScopeRuntime.builder().openTelemetry(dropping).build().guard("root").build();
      AtomicReference<SpanContext> seenInside = new AtomicReference<>();

      guard.call(() -> {
        seenInside.set(Span.current().getSpanContext());
        dropping.getTracer("inside").spanBuilder("inner").startSpan().end();
        return null;
      });

      assertThat(seenInside.get().isValid()).as("a root is still started and made current").isTrue();
      assertThat(seenInside.get().isSampled()).isFalse();
      assertThat(ids.traceIds).as("the root's own trace, and none for the inner span").isEqualTo(1);
      assertThat(spans.getFinishedSpanItems()).isEmpty();
    }
  }

  @Test
  void sampledOutCallRecordsNoSpanButEveryMeter() {
    InMemorySpanExporter exported = InMemorySpanExporter.create();
    OpenTelemetrySdk dropAll = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exported))
            .setSampler(Sampler.alwaysOff())
            .build())
        .build();
    try (SdkTracerProvider closedAtEnd = dropAll.getSdkTracerProvider()) {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      ScopeRuntime sampledOut =
          ScopeRuntime.builder().openTelemetry(dropAll).meterRegistry(registry).build();
      Guard guard = sampledOut.guard("fetch").retry(Retry.builder().maxAttempts(3).build()).build();
      AtomicInteger attempts = new AtomicInteger();

      Result<?, String> ok = guard.call(() -> {
        if (attempts.incrementAndGet() < 2) {
          throw new IOException("once");
        }
        return "ok";
      });
      Result<?, String> failed = guard.call(() -> {
        throw new IOException("always");
      });
      try (var ignored = sdk.getTracer("request").spanBuilder("dropped").startSpan().makeCurrent()) {
        guard.call(() -> "inside an unsampled request");
      }

      assertThat(ok).isInstanceOf(Result.Ok.class);
      assertThat(failed).isInstanceOf(Result.Err.class);
      assertThat(exported.getFinishedSpanItems()).isEmpty();
      assertThat(registry.get("goscope.tasks.spawned").tag("task", "fetch").counter().count())
          .isEqualTo(3.0);
      assertThat(registry.get("goscope.tasks.completed").tag("task", "fetch").counter().count())
          .isEqualTo(2.0);
      assertThat(registry.get("goscope.tasks.failed").tags("task", "fetch", "reason", "exception")
          .counter().count()).isEqualTo(1.0);
      assertThat(registry.get("goscope.task.retries").tags("task", "fetch", "reason", "exception")
          .counter().count()).isEqualTo(3.0); // one in the first call, two in the second
      assertThat(registry.get("goscope.task.duration").tags("task", "fetch", "outcome", "success")
          .timer().count()).isEqualTo(2);
      assertThat(registry.get("goscope.task.duration").tags("task", "fetch", "outcome", "failure")
          .timer().count()).isEqualTo(1);
      assertThat(registry.get("goscope.tasks.active").gauge().value()).isZero();
    }
  }

  private static OpenTelemetrySdk sdkWith(Sampler sampler, IdGenerator ids, InMemorySpanExporter spans) {
    return OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans))
            .setSampler(sampler)
            .setIdGenerator(ids)
            .build())
        .build();
  }

  /** Random ids, counted: a span the SDK starts takes a span id (and a root a trace id). */
  private static final class CountingIds implements IdGenerator {
    private final IdGenerator random = IdGenerator.random();
    int spanIds;
    int traceIds;

    @Override
    public String generateSpanId() {
      spanIds++;
      return random.generateSpanId();
    }

    @Override
    public String generateTraceId() {
      traceIds++;
      return random.generateTraceId();
    }
  }

  @Test
  void recordedCallStillCarriesEveryTaskAttribute() {
    Guard guard = runtime.guard("kept").retry(Retry.builder().maxAttempts(2).build()).build();
    try (Scope scope = runtime.scope("s").open()) {
      guard.fork(scope, () -> 1, io.gogoscope.generated.ErrorMapper.failure()).join();
    }
    guard.call(() -> 2);

    assertThat(spans.getFinishedSpanItems())
        .filteredOn(span -> span.getName().equals("kept"))
        .hasSize(2)
        .allSatisfy(span -> assertThat(span.getAttributes().asMap())
            .containsKeys(ScopeSpanAttributes.TASK_INDEX, ScopeSpanAttributes.TASK_HAS_RETRY,
                ScopeSpanAttributes.TASK_HAS_TIMEOUT, ScopeSpanAttributes.TASK_HAS_CIRCUIT_BREAKER,
                ScopeSpanAttributes.TASK_DURATION_MS, ScopeSpanAttributes.TASK_RETRY_ATTEMPTS));
  }
}
