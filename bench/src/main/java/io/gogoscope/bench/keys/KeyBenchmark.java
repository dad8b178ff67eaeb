package io.gogoscope.bench.keys;

import io.gogoscope.generated.KeyValues;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What encoding a lock or rate-limit key costs: the key of {@code "order:{orderId}:{user}"} as
 * generated code builds it ({@code "order:" + KeyValues.of(orderId) + ":" + KeyValues.of(user)})
 * against plain string concatenation of the same parts, which keeps nothing apart (issue 10
 * item 4). {@code indexOf} is the encoding before its lookup tables, a scan of the separators'
 * string per character, kept here as {@link IndexOfKeyValues} to show what the tables saved.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class KeyBenchmark {

  // Fields, not constants: the JIT must not fold the keys away.
  private String orderId = "A-1029384756";
  private String user = "ada.lovelace@example.com";
  private long orderNumber = 1_029_384_756L;
  private String separated = "1:2";

  @Benchmark
  public String concat_key() {
    return "order:" + orderId + ":" + user;
  }

  @Benchmark
  public String gogoscope_key() {
    return "order:" + KeyValues.of(orderId) + ":" + KeyValues.of(user);
  }

  @Benchmark
  public String indexOf_key() {
    return "order:" + IndexOfKeyValues.of(orderId) + ":" + IndexOfKeyValues.of(user);
  }

  @Benchmark
  public String concat_numericKey() {
    return "order:" + orderNumber + ":" + user;
  }

  /** As generated code builds it: a primitive parameter is concatenated as it is (no separator). */
  @Benchmark
  public String gogoscope_numericKey() {
    return "order:" + orderNumber + ":" + KeyValues.of(user);
  }

  @Benchmark
  public String concat_escapedKey() {
    return "order:" + separated + ":" + user;
  }

  @Benchmark
  public String gogoscope_escapedKey() {
    return "order:" + KeyValues.of(separated) + ":" + KeyValues.of(user);
  }
}
