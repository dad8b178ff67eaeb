package io.gogoscope.bench.scope;

import io.gogoscope.Failure;
import io.gogoscope.bench.infra.Outcomes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Subtask;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Forks {@code tasks} trivial tasks on virtual threads and joins them all: a gogoscope
 * {@link io.gogoscope.Scope}, raw virtual threads, and the JDK's {@link StructuredTaskScope}. Each
 * variant starts one virtual thread per task, waits for all and sums their results.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Thread)
public class ForkJoinBenchmark {

  @Param({"1", "10", "1000"})
  public int tasks;

  /** The work of task {@code i}: trivial, so the figure is the fork and join. */
  private static int work(int i) {
    return i;
  }

  @Benchmark
  public long gogoscope_forkJoin() {
    try (io.gogoscope.Scope scope = io.gogoscope.Scope.open("bench")) {
      List<io.gogoscope.Task<Failure, Integer>> forked = new ArrayList<>(tasks);
      for (int i = 0; i < tasks; i++) {
        int n = i;
        forked.add(scope.fork(() -> work(n)));
      }
      long sum = 0;
      for (io.gogoscope.Task<Failure, Integer> task : forked) {
        sum += Outcomes.value(task.join());
      }
      return sum;
    }
  }

  @Benchmark
  public long virtualThreads_forkJoin() throws InterruptedException {
    int[] results = new int[tasks];
    List<Thread> threads = new ArrayList<>(tasks);
    for (int i = 0; i < tasks; i++) {
      int n = i;
      threads.add(Thread.ofVirtual().start(() -> results[n] = work(n)));
    }
    long sum = 0;
    for (int i = 0; i < tasks; i++) {
      threads.get(i).join();
      sum += results[i];
    }
    return sum;
  }

  @Benchmark
  public long structuredTaskScope_forkJoin() throws InterruptedException {
    try (StructuredTaskScope<Integer, Void> scope = StructuredTaskScope.open()) {
      List<Subtask<Integer>> forked = new ArrayList<>(tasks);
      for (int i = 0; i < tasks; i++) {
        int n = i;
        forked.add(scope.fork(() -> work(n)));
      }
      scope.join();
      long sum = 0;
      for (Subtask<Integer> subtask : forked) {
        sum += subtask.get();
      }
      return sum;
    }
  }
}
