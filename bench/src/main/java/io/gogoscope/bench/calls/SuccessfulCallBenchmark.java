package io.gogoscope.bench.calls;

import io.gogoscope.bench.infra.Outcomes;
import java.io.IOException;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * A call that succeeds at once, guarded by each library: what every call pays when nothing goes
 * wrong. Besides the retry variants of {@link GuardedCallBenchmark}: the bare call and a
 * {@code @ScopeTask} method without policies.
 */
public class SuccessfulCallBenchmark extends GuardedCallBenchmark {

  private final Backend backend = new Backend();

  @Override
  int body(int id) throws IOException {
    return backend.fetch(id);
  }

  /** The call with no guard at all: the floor. */
  @Benchmark
  public int direct_none() throws IOException {
    return body(id);
  }

  /** A {@code @ScopeTask} method without policies. */
  @Benchmark
  public int gogoscope_none() {
    return Outcomes.value(gogoscope.fetch(id));
  }
}
