package io.gogoscope.bench.report;

import java.util.List;
import java.util.Map;

/**
 * One benchmark's figure from JMH's JSON result: its score with the 99.9 % confidence half-width
 * JMH reports, and the allocation per operation from {@code -prof gc} when it ran.
 *
 * @param benchmark the fully qualified benchmark method
 * @param mode JMH's mode ({@code avgt}, {@code thrpt}, {@code ss})
 * @param params the {@code @Param} values
 * @param score the mean
 * @param error the 99.9 % confidence half-width ({@code NaN} with too few samples)
 * @param unit the score's unit ({@code ns/op}, {@code ops/s}, …)
 * @param bytesPerOp {@code gc.alloc.rate.norm} in B/op ({@code NaN} without {@code -prof gc})
 * @param bytesError its confidence half-width
 * @param run how the figure was taken
 */
record Measurement(
    String benchmark,
    String mode,
    Map<String, String> params,
    double score,
    double error,
    String unit,
    double bytesPerOp,
    double bytesError,
    RunSettings run) {

  /**
   * How JMH took a figure.
   *
   * @param jdkVersion the JDK version of the forks
   * @param vmName the VM's name
   * @param vmVersion the VM's version
   * @param jvmArgs the forks' JVM arguments
   * @param forks forks
   * @param threads benchmark threads
   * @param warmupIterations warm-up iterations per fork
   * @param warmupTime each warm-up iteration's time
   * @param measurementIterations measured iterations per fork
   * @param measurementTime each measured iteration's time
   */
  record RunSettings(
      String jdkVersion,
      String vmName,
      String vmVersion,
      List<String> jvmArgs,
      int forks,
      int threads,
      int warmupIterations,
      String warmupTime,
      int measurementIterations,
      String measurementTime) {}

  /** The benchmark class's simple name. */
  String className() {
    String owner = benchmark.substring(0, benchmark.lastIndexOf('.'));
    return owner.substring(owner.lastIndexOf('.') + 1);
  }

  /** The benchmark method's name, {@code <library>_<policies>}. */
  String method() {
    return benchmark.substring(benchmark.lastIndexOf('.') + 1);
  }

  /** The library part of the method name: {@code gogoscope}, {@code resilience4j}, {@code direct}, … */
  String library() {
    String method = method();
    int underscore = method.indexOf('_');
    return underscore < 0 ? method : method.substring(0, underscore);
  }

  /** The policies part of the method name: what is compared across libraries. */
  String policies() {
    String method = method();
    int underscore = method.indexOf('_');
    return underscore < 0 ? "" : method.substring(underscore + 1);
  }

  /** {@code true} for gogoscope's own variants. */
  boolean isGogoscope() {
    return library().equals("gogoscope");
  }

  /** {@code true} when a higher score is better (throughput). */
  boolean higherIsBetter() {
    return mode.equals("thrpt");
  }

  /** The lower end of the confidence interval (the score itself when there is no interval). */
  double low() {
    return Double.isNaN(error) ? score : score - error;
  }

  /** The upper end of the confidence interval (the score itself when there is no interval). */
  double high() {
    return Double.isNaN(error) ? score : score + error;
  }

  /** {@code key=value, …} of the parameters, empty without any. */
  String paramsText() {
    StringBuilder text = new StringBuilder();
    params.forEach((key, value) -> text.append(text.isEmpty() ? "" : ", ").append(key).append('=').append(value));
    return text.toString();
  }
}
