package io.gogoscope.bench.calls;

import static io.gogoscope.observe.otel.ScopeSpanAttributes.TASK_DURATION_MS;
import static io.gogoscope.observe.otel.ScopeSpanAttributes.TASK_HAS_RETRY;
import static io.gogoscope.observe.otel.ScopeSpanAttributes.TASK_RETRY_ATTEMPTS;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import io.github.resilience4j.micrometer.Timer;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.bench.infra.Outcomes;
import io.gogoscope.observe.ScopeObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.smallrye.faulttolerance.api.TypedGuard;
import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * What observability costs a generated {@code @Retry} call that succeeds, from off to on, and what
 * the peers' users pay to record the same things. Every observed variant records for real, and the
 * trial fails in {@link #check} when the spans, meters or counts it claims were not recorded (a
 * tracer without a span processor, for one, is OpenTelemetry's no-op and records nothing).
 *
 * <ul>
 *   <li>{@code gogoscope_off}: no observer (no OpenTelemetry, no Micrometer configured);
 *   <li>{@code gogoscope_emptyObserver}: an observer whose every hook does nothing;
 *   <li>{@code gogoscope_disabledLibraries}: OpenTelemetry's no-op API and a Micrometer composite
 *       registry with nothing behind it;
 *   <li>{@code gogoscope_metrics}: Micrometer only ({@link SimpleMeterRegistry}), no tracing:
 *       the untraced observed call;
 *   <li>{@code gogoscope_tracing}: spans only (the SDK with a span processor that counts ended
 *       spans);
 *   <li>{@code gogoscope_enabled}: spans and meters, the counting processor;
 *   <li>{@code gogoscope_enabledBatch}: spans and meters with the production setup, a
 *       {@link BatchSpanProcessor} in front of an exporter that drops what it is handed (a full
 *       queue drops spans too, as in production);
 *   <li>{@code gogoscope_sampledOut}: spans and meters with a sampler that drops every span; the
 *       call is a trace's root, so its dropped span is still made current (spans inside it must see
 *       the trace's decision); compare with {@code gogoscope_metrics};
 *   <li>{@code gogoscope_sampledOutInRequest}: the same runtime, the call made inside an unsampled
 *       request span (as a server's instrumentation leaves it current for a request the sampler
 *       dropped), the usual shape of a sampled-out call in production: the sampler drops the
 *       call's span (as a parent-based sampler does under an unsampled parent), and gogoscope
 *       leaves the request's span current;
 *   <li>{@code resilience4j_metrics}: Resilience4j's {@code Retry} with {@code TaggedRetryMetrics}
 *       and a resilience4j-micrometer {@code Timer} around it;
 *   <li>{@code resilience4j_observed}: the same, inside a span with gogoscope's name and
 *       {@code task.*} attributes written with the OpenTelemetry API (made current, ended with
 *       duration and retry count);
 *   <li>{@code failsafe_metrics}: Failsafe's {@code RetryPolicy} whose listeners record gogoscope's
 *       task meters (spawned, completed, failed, active, duration histogram, retries);
 *   <li>{@code failsafe_observed}: the same inside the hand-written span;
 *   <li>{@code smallrye_metrics}: SmallRye Fault Tolerance's retry guard with its Micrometer
 *       metrics adapter (SmallRye writes no spans);
 *   <li>{@code otel_span}: the hand-written span around the bare call, no retry, no meters: the
 *       floor of any traced call;
 *   <li>{@code otel_spanSampledOut}: the same span dropped by the sampler (a trace's root, made
 *       current): the floor of any sampled-out root call, what the SDK costs before gogoscope does
 *       anything;
 *   <li>{@code floor_sampledOutRoot}: {@code gogoscope_metrics}'s call inside a root span that the
 *       sampler drops, started without attributes and made current by hand: the least a sampled-out
 *       root call can cost through the OpenTelemetry API (the SDK's ids, span context, wrapper and
 *       context switch), whatever gogoscope does; compare with {@code gogoscope_sampledOut};
 *   <li>{@code direct_none}: the bare call.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(org.openjdk.jmh.annotations.Scope.Thread)
public class ObservabilityBenchmark {
  private static final String TASK = "bench.fetchRetry";

  private final Backend backend = new Backend();
  private final List<OpenTelemetrySdk> sdks = new ArrayList<>();
  private ScopedBenchService off;
  private ScopedBenchService emptyObserver;
  private ScopedBenchService disabledLibraries;
  private ScopedBenchService metrics;
  private ScopedBenchService tracing;
  private ScopedBenchService enabled;
  private ScopedBenchService enabledBatch;
  private ScopedBenchService sampledOut;
  private SimpleMeterRegistry metricsRegistry;
  private SimpleMeterRegistry enabledRegistry;
  private SimpleMeterRegistry batchRegistry;
  private SimpleMeterRegistry sampledOutRegistry;
  private CountingSpans.Processor tracingSpans;
  private CountingSpans.Processor enabledSpans;
  private CountingSpans.Exporter batchExport;
  private CountingSpans.Processor sampledOutSpans;
  private CountingSpans.DropAll dropAll;

  private Retry r4jRetry;
  private Timer r4jTimer;
  private SimpleMeterRegistry r4jRegistry;
  private HandWrittenSpan r4jSpan;
  private CountingSpans.Processor r4jSpans;

  private FailsafeExecutor<Integer> failsafe;
  private ListenerMeters failsafeMeters;
  private SimpleMeterRegistry failsafeRegistry;
  private HandWrittenSpan failsafeSpan;
  private CountingSpans.Processor failsafeSpans;

  private TypedGuard<Integer> smallrye;

  private HandWrittenSpan floorSpan;
  private CountingSpans.Processor floorSpans;
  private HandWrittenSpan droppedFloorSpan;
  private CountingSpans.DropAll droppedFloorSampler;
  private Tracer droppedRootTracer;
  private CountingSpans.DropAll droppedRootSampler;

  /** Attempts of the peers' current call, counted by their bodies for the span's retry count. */
  private int attempts;
  private long calls;
  private final int id = 1;

  @Setup
  public void setUp() {
    BenchService service = BenchService.of(backend::fetch);
    off = ScopedBenchService.of(service, ScopeRuntime.builder().build());
    emptyObserver =
        ScopedBenchService.of(service, ScopeRuntime.builder().observer(new ScopeObserver() {}).build());
    disabledLibraries = ScopedBenchService.of(service, ScopeRuntime.builder()
        .openTelemetry(OpenTelemetry.noop())
        .meterRegistry(new CompositeMeterRegistry())
        .build());

    metricsRegistry = new SimpleMeterRegistry();
    metrics = ScopedBenchService.of(service, ScopeRuntime.builder().meterRegistry(metricsRegistry).build());

    tracingSpans = new CountingSpans.Processor();
    tracing = ScopedBenchService.of(service,
        ScopeRuntime.builder().openTelemetry(sdk(tracingSpans, Sampler.alwaysOn())).build());

    enabledSpans = new CountingSpans.Processor();
    enabledRegistry = new SimpleMeterRegistry();
    enabled = ScopedBenchService.of(service, ScopeRuntime.builder()
        .openTelemetry(sdk(enabledSpans, Sampler.alwaysOn()))
        .meterRegistry(enabledRegistry)
        .build());

    batchExport = new CountingSpans.Exporter();
    batchRegistry = new SimpleMeterRegistry();
    enabledBatch = ScopedBenchService.of(service, ScopeRuntime.builder()
        .openTelemetry(sdk(BatchSpanProcessor.builder(batchExport).build(), Sampler.alwaysOn()))
        .meterRegistry(batchRegistry)
        .build());

    sampledOutSpans = new CountingSpans.Processor();
    dropAll = new CountingSpans.DropAll();
    sampledOutRegistry = new SimpleMeterRegistry();
    sampledOut = ScopedBenchService.of(service, ScopeRuntime.builder()
        .openTelemetry(sdk(sampledOutSpans, dropAll))
        .meterRegistry(sampledOutRegistry)
        .build());

    RetryRegistry retries = RetryRegistry.of(RetryConfig.custom()
        .maxAttempts(CallPolicies.ATTEMPTS)
        .waitDuration(Duration.ZERO)
        .retryExceptions(IOException.class)
        .build());
    r4jRetry = retries.retry(TASK);
    r4jRegistry = new SimpleMeterRegistry();
    TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(r4jRegistry);
    r4jTimer = Timer.of(TASK, r4jRegistry);
    r4jSpans = new CountingSpans.Processor();
    r4jSpan = new HandWrittenSpan(tracer(sdk(r4jSpans, Sampler.alwaysOn())), TASK);

    failsafeRegistry = new SimpleMeterRegistry();
    failsafeMeters = new ListenerMeters(failsafeRegistry, "failsafe", TASK);
    failsafe = Failsafe.with(RetryPolicy.<Integer>builder()
            .withMaxAttempts(CallPolicies.ATTEMPTS)
            .handle(IOException.class)
            .onRetry(event -> failsafeMeters.retries.increment())
            .build())
        .onSuccess(event -> failsafeMeters.succeeded(event.getElapsedTime()))
        .onFailure(event -> failsafeMeters.failed(event.getElapsedTime()));
    failsafeSpans = new CountingSpans.Processor();
    failsafeSpan = new HandWrittenSpan(tracer(sdk(failsafeSpans, Sampler.alwaysOn())), TASK);

    if (SmallRyeMetrics.REGISTRY != null) {
      smallrye = TypedGuard.create(Integer.class)
          .withDescription(TASK)
          .withRetry()
          .maxRetries(CallPolicies.ATTEMPTS - 1)
          .delay(0, ChronoUnit.MILLIS)
          .jitter(0, ChronoUnit.MILLIS)
          .retryOn(IOException.class)
          .done()
          .build();
    }

    floorSpans = new CountingSpans.Processor();
    floorSpan = new HandWrittenSpan(tracer(sdk(floorSpans, Sampler.alwaysOn())), TASK);
    droppedFloorSampler = new CountingSpans.DropAll();
    droppedFloorSpan = new HandWrittenSpan(
        tracer(sdk(new CountingSpans.Processor(), droppedFloorSampler)), TASK);
    droppedRootSampler = new CountingSpans.DropAll();
    droppedRootTracer = tracer(sdk(new CountingSpans.Processor(), droppedRootSampler));
  }

  private OpenTelemetrySdk sdk(SpanProcessor processor, Sampler sampler) {
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(processor)
            .setSampler(sampler)
            .build())
        .build();
    sdks.add(sdk);
    return sdk;
  }

  private static Tracer tracer(OpenTelemetrySdk sdk) {
    return sdk.getTracer("bench");
  }

  /**
   * Fails the trial when the variant that ran did not record what it claims: one span per call
   * (with the task's attributes), one successful call per call in its meters.
   */
  @TearDown
  public void check(BenchmarkParams params) {
    sdks.forEach(OpenTelemetrySdk::close); // flushes the batch processor into its exporter
    String variant = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
    switch (variant) {
      case "gogoscope_metrics" -> gogoscopeMeters(metricsRegistry);
      case "gogoscope_tracing" -> spans(tracingSpans);
      case "gogoscope_enabled" -> {
        spans(enabledSpans);
        gogoscopeMeters(enabledRegistry);
      }
      case "gogoscope_enabledBatch" -> {
        gogoscopeMeters(batchRegistry);
        SpanData last = batchExport.last;
        expect("spans exported by the batch processor", batchExport.exported > 0 ? calls : 0);
        expect("the exported span's task.has_retry", last != null
            && Boolean.TRUE.equals(last.getAttributes().get(TASK_HAS_RETRY)) ? calls : 0);
      }
      case "gogoscope_sampledOut", "gogoscope_sampledOutInRequest" -> {
        gogoscopeMeters(sampledOutRegistry);
        expect("sampler decisions", dropAll.decisions);
        if (sampledOutSpans.ended != 0) {
          throw new IllegalStateException("the sampler dropped every span, yet "
              + sampledOutSpans.ended + " were recorded");
        }
      }
      case "otel_spanSampledOut" -> expect("sampler decisions", droppedFloorSampler.decisions);
      case "floor_sampledOutRoot" -> {
        gogoscopeMeters(metricsRegistry);
        expect("sampler decisions", droppedRootSampler.decisions);
      }
      case "resilience4j_metrics", "resilience4j_observed" -> {
        expect("Resilience4j retry calls (successful without retry)",
            (long) r4jRegistry.get("resilience4j.retry.calls")
                .tag("kind", "successful_without_retry").functionCounter().count());
        expect("Resilience4j Timer calls", r4jRegistry.get("resilience4j.timer.calls").timer().count());
        if (variant.endsWith("observed")) {
          spans(r4jSpans);
        }
      }
      case "failsafe_metrics", "failsafe_observed" -> {
        expect("Failsafe listener completed count", (long) failsafeMeters.completed.count());
        expect("Failsafe listener timer count", failsafeMeters.succeeded.count());
        if (variant.endsWith("observed")) {
          spans(failsafeSpans);
        }
      }
      case "smallrye_metrics" -> {
        if (SmallRyeMetrics.REGISTRY == null) {
          throw new IllegalStateException("SmallRye was configured before this benchmark: no metrics");
        }
        double invocations = 0;
        for (Meter meter : SmallRyeMetrics.REGISTRY.find("ft.invocations.total").meters()) {
          for (var measure : meter.measure()) {
            invocations += measure.getValue();
          }
        }
        expect("SmallRye ft.invocations.total", (long) invocations);
      }
      case "otel_span" -> spans(floorSpans);
      default -> {} // nothing recorded: nothing to check
    }
  }

  private void spans(CountingSpans.Processor spans) {
    expect("ended spans", spans.ended);
    expect("the last span's task.has_retry",
        Boolean.TRUE.equals(spans.lastAttribute(TASK_HAS_RETRY)) ? calls : 0);
    expect("the last span's task.retry_attempts == 0",
        Long.valueOf(0).equals(spans.lastAttribute(TASK_RETRY_ATTEMPTS)) ? calls : 0);
    expect("the last span's task.duration_ms",
        spans.lastAttribute(TASK_DURATION_MS) != null ? calls : 0);
  }

  private void gogoscopeMeters(MeterRegistry registry) {
    expect("goscope.tasks.completed",
        (long) registry.get("goscope.tasks.completed").tag("task", TASK).counter().count());
    expect("goscope.task.duration (success)",
        registry.get("goscope.task.duration").tags("task", TASK, "outcome", "success").timer().count());
  }

  private void expect(String what, long recorded) {
    if (calls == 0 || recorded != calls) {
      throw new IllegalStateException(what + ": " + recorded + " recorded for " + calls
          + " calls; this variant's figure would not be what it claims");
    }
  }

  @Benchmark
  public int gogoscope_off() {
    calls++;
    return Outcomes.value(off.fetchRetry(id));
  }

  @Benchmark
  public int gogoscope_emptyObserver() {
    calls++;
    return Outcomes.value(emptyObserver.fetchRetry(id));
  }

  @Benchmark
  public int gogoscope_disabledLibraries() {
    calls++;
    return Outcomes.value(disabledLibraries.fetchRetry(id));
  }

  @Benchmark
  public int gogoscope_metrics() {
    calls++;
    return Outcomes.value(metrics.fetchRetry(id));
  }

  @Benchmark
  public int gogoscope_tracing() {
    calls++;
    return Outcomes.value(tracing.fetchRetry(id));
  }

  @Benchmark
  public int gogoscope_enabled() {
    calls++;
    return Outcomes.value(enabled.fetchRetry(id));
  }

  @Benchmark
  public int gogoscope_enabledBatch() {
    calls++;
    return Outcomes.value(enabledBatch.fetchRetry(id));
  }

  @Benchmark
  public int gogoscope_sampledOut() {
    calls++;
    return Outcomes.value(sampledOut.fetchRetry(id));
  }

  /**
   * {@code gogoscope_sampledOut}'s call inside an unsampled request span, made current for the
   * iteration by {@link UnsampledRequest} as a server's instrumentation makes its span current.
   */
  @Benchmark
  public int gogoscope_sampledOutInRequest(UnsampledRequest request) {
    calls++;
    return Outcomes.value(sampledOut.fetchRetry(id));
  }

  @Benchmark
  public int resilience4j_metrics() throws Exception {
    calls++;
    return r4jTimer.executeCallable(() -> r4jRetry.executeCallable(() -> backend.fetch(id)));
  }

  @Benchmark
  public int resilience4j_observed() throws Exception {
    calls++;
    attempts = 0;
    Span span = r4jSpan.start();
    long start = System.nanoTime();
    Throwable failure = null;
    try (Scope ignored = span.makeCurrent()) {
      return r4jTimer.executeCallable(() -> r4jRetry.executeCallable(() -> {
        attempts++;
        return backend.fetch(id);
      }));
    } catch (Exception e) {
      failure = e;
      throw e;
    } finally {
      HandWrittenSpan.end(span, start, attempts, failure);
    }
  }

  @Benchmark
  public int failsafe_metrics() {
    calls++;
    failsafeMeters.started();
    return failsafe.get(() -> backend.fetch(id));
  }

  @Benchmark
  public int failsafe_observed() {
    calls++;
    attempts = 0;
    Span span = failsafeSpan.start();
    long start = System.nanoTime();
    Throwable failure = null;
    try (Scope ignored = span.makeCurrent()) {
      failsafeMeters.started();
      return failsafe.get(() -> {
        attempts++;
        return backend.fetch(id);
      });
    } catch (RuntimeException e) {
      failure = e;
      throw e;
    } finally {
      HandWrittenSpan.end(span, start, attempts, failure);
    }
  }

  @Benchmark
  public int smallrye_metrics() throws Exception {
    calls++;
    return smallrye.call(() -> backend.fetch(id));
  }

  @Benchmark
  public int otel_span() throws IOException {
    calls++;
    Span span = floorSpan.start();
    long start = System.nanoTime();
    try (Scope ignored = span.makeCurrent()) {
      return backend.fetch(id);
    } finally {
      HandWrittenSpan.end(span, start, 1, null);
    }
  }

  @Benchmark
  public int otel_spanSampledOut() throws IOException {
    calls++;
    Span span = droppedFloorSpan.start();
    long start = System.nanoTime();
    try (Scope ignored = span.makeCurrent()) {
      return backend.fetch(id);
    } finally {
      HandWrittenSpan.end(span, start, 1, null);
    }
  }

  /**
   * A request span the sampler dropped, current on the benchmark thread for each iteration of the
   * one variant that takes it (the others run outside any span).
   */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class UnsampledRequest {
    private Scope current;

    @Setup(Level.Iteration)
    public void enter() {
      Span request = Span.wrap(SpanContext.create("0af7651916cd43dd8448eb211c80319c",
          "b7ad6b7169203331", TraceFlags.getDefault(), TraceState.getDefault()));
      current = request.makeCurrent();
    }

    @TearDown(Level.Iteration)
    public void leave() {
      current.close();
    }
  }

  /**
   * {@code gogoscope_metrics}'s call inside a dropped root span made current by hand: what
   * {@code gogoscope_sampledOut} would cost if gogoscope added nothing to the SDK's dropped span.
   */
  @Benchmark
  public int floor_sampledOutRoot() {
    calls++;
    Span span = droppedRootTracer.spanBuilder(TASK).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return Outcomes.value(metrics.fetchRetry(id));
    } finally {
      span.end();
    }
  }

  /** The same call with no guard: the floor. */
  @Benchmark
  public int direct_none() throws IOException {
    calls++;
    return backend.fetch(id);
  }
}
