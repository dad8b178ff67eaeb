package io.gogoscope.bench.calls;

import io.gogoscope.ScopeRuntime;
import io.gogoscope.bench.infra.Outcomes;
import io.gogoscope.observe.ScopeObserver;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What observability costs a generated {@code @Retry} call that succeeds, from off to on.
 *
 * <ul>
 *   <li>{@code off}: a runtime with neither OpenTelemetry nor Micrometer (nothing configured, as in
 *       an application without either library);
 *   <li>{@code emptyObserver}: an observer whose every hook does nothing, so the difference to
 *       {@code off} is the observation machinery itself, which {@code off} skips;
 *   <li>{@code disabledLibraries}: both libraries configured but switched off: OpenTelemetry's no-op
 *       API and a Micrometer registry with nothing behind it;
 *   <li>{@code enabled}: the OpenTelemetry SDK (spans recorded, none exported) and a
 *       {@link SimpleMeterRegistry}.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Thread)
public class ObservabilityBenchmark {

  private final Backend backend = new Backend();
  private ScopedBenchService off;
  private ScopedBenchService emptyObserver;
  private ScopedBenchService disabledLibraries;
  private ScopedBenchService enabled;
  private OpenTelemetrySdk sdk;
  private int id = 1;

  @Setup
  public void setUp() {
    BenchService service = BenchService.of(backend::fetch);
    off = ScopedBenchService.of(service, ScopeRuntime.builder().build());
    emptyObserver = ScopedBenchService.of(service, ScopeRuntime.builder().observer(new ScopeObserver() {}).build());
    disabledLibraries = ScopedBenchService.of(service, ScopeRuntime.builder()
        .openTelemetry(OpenTelemetry.noop())
        .meterRegistry(new CompositeMeterRegistry())
        .build());
    sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder().build()).build();
    enabled = ScopedBenchService.of(service, ScopeRuntime.builder()
        .openTelemetry(sdk)
        .meterRegistry(new SimpleMeterRegistry())
        .build());
  }

  @TearDown
  public void tearDown() {
    sdk.close();
  }

  @Benchmark
  public int gogoscope_off() {
    return Outcomes.value(off.fetchRetry(id));
  }

  @Benchmark
  public int gogoscope_emptyObserver() {
    return Outcomes.value(emptyObserver.fetchRetry(id));
  }

  @Benchmark
  public int gogoscope_disabledLibraries() {
    return Outcomes.value(disabledLibraries.fetchRetry(id));
  }

  @Benchmark
  public int gogoscope_enabled() {
    return Outcomes.value(enabled.fetchRetry(id));
  }

  /** The same call with no guard: the floor. */
  @Benchmark
  public int direct_none() throws IOException {
    return backend.fetch(id);
  }
}
