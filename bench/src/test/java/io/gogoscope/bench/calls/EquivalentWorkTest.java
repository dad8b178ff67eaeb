package io.gogoscope.bench.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.bench.breaker.CircuitBreakerBenchmark;
import io.gogoscope.bench.scope.ForkJoinBenchmark;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Every variant of a benchmark class does the same work: called directly (outside JMH), each
 * returns the same value, and in the failing-twice benchmark each makes exactly three attempts.
 */
class EquivalentWorkTest {

  private static final int CALLS = 50;

  @Test
  void successfulCallVariantsAllReturnTheBodysValue() throws Exception {
    CallPeers peers = new CallPeers();
    peers.setUp();
    try {
      SuccessfulCallBenchmark benchmark = new SuccessfulCallBenchmark();
      benchmark.buildGeneratedService();
      Map<String, Object> values = callAll(benchmark, peers);
      assertThat(values).isNotEmpty().allSatisfy((method, value) -> assertThat(value).as(method).isEqualTo(2));
    } finally {
      peers.tearDown();
    }
  }

  @Test
  void failingTwiceVariantsEachMakeThreeAttemptsPerCall() throws Exception {
    CallPeers peers = new CallPeers();
    peers.setUp();
    try {
      for (Method method : benchmarks(FailingTwiceCallBenchmark.class)) {
        FailingTwiceCallBenchmark benchmark = new FailingTwiceCallBenchmark();
        benchmark.buildGeneratedService();
        for (int i = 0; i < CALLS; i++) {
          assertThat(invoke(benchmark, method, peers)).as(method.getName()).isEqualTo(2);
        }
        assertThat(benchmark.attempts()).as(method.getName()).isEqualTo(3 * CALLS);
        benchmark.checkThreeAttemptsPerCall();
      }
    } finally {
      peers.tearDown();
    }
  }

  @Test
  void forkJoinVariantsAllSumEveryTask() throws Exception {
    for (int tasks : new int[] {1, 10, 1000}) {
      ForkJoinBenchmark benchmark = new ForkJoinBenchmark();
      benchmark.tasks = tasks;
      long expected = (long) tasks * (tasks - 1) / 2;
      assertThat(callAll(benchmark, null))
          .isNotEmpty()
          .allSatisfy((method, value) -> assertThat(value).as(method + " with " + tasks).isEqualTo(expected));
    }
  }

  @Test
  void circuitBreakerVariantsAllReturnTheBodysValue() throws Exception {
    CircuitBreakerBenchmark benchmark = new CircuitBreakerBenchmark();
    benchmark.setUp();
    assertThat(callAll(benchmark, null))
        .isNotEmpty()
        .allSatisfy((method, value) -> assertThat(value).as(method).isEqualTo(2));
  }

  private static Map<String, Object> callAll(Object benchmark, Object state) throws Exception {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Method method : benchmarks(benchmark.getClass())) {
      Object value = null;
      for (int i = 0; i < CALLS; i++) {
        value = invoke(benchmark, method, state);
      }
      values.put(method.getName(), value);
    }
    return values;
  }

  private static List<Method> benchmarks(Class<?> type) {
    return Arrays.stream(type.getMethods()).filter(m -> m.isAnnotationPresent(Benchmark.class)).toList();
  }

  private static Object invoke(Object benchmark, Method method, Object state) throws Exception {
    return method.getParameterCount() == 0 ? method.invoke(benchmark) : method.invoke(benchmark, state);
  }
}
