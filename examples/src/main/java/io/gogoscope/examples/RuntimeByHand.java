package io.gogoscope.examples;

import io.gogoscope.Failure;
import io.gogoscope.Guard;
import io.gogoscope.Result;
import io.gogoscope.Scope;
import io.gogoscope.Tasks;
import io.gogoscope.Task;
import io.gogoscope.annotations.Backoff;
import io.gogoscope.policy.Retry;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The first program: the runtime used by hand, without the annotation processor. It loads a
 * dashboard with three calls in parallel under one timeout, retries a flaky call, and races two
 * mirrors, printing what happened at each step. The "services" are simulated with sleeps.
 */
public final class RuntimeByHand {
  private final PrintStream out;

  RuntimeByHand(PrintStream out) {
    this.out = out;
  }

  /** Runs the three steps, printing to standard output. */
  public static void main(String[] args) {
    new RuntimeByHand(System.out).run();
  }

  void run() {
    parallelFetchWithATimeout();
    retryAFlakyCall();
    raceTwoMirrors();
  }

  /** Three calls at once; the scope's 300 ms timeout cancels the one that would take 5 s. */
  void parallelFetchWithATimeout() {
    out.println("1. Parallel fetch with a 300 ms timeout");
    long start = System.nanoTime();
    try (Scope scope = Scope.builder("dashboard").timeout(Duration.ofMillis(300)).open()) {
      Task<Failure, String> profile = scope.fork("profile", () -> slowly(40, "Ada Lovelace"));
      Task<Failure, Integer> orders = scope.fork("orders", () -> slowly(80, 3));
      Task<Failure, String> recommendations = scope.fork("recommendations", () -> slowly(5_000, "a telescope"));
      out.println("   profile:         " + describe(profile.join()));
      out.println("   orders:          " + describe(orders.join()));
      out.println("   recommendations: " + describe(recommendations.join()));
    }
    out.printf("   the dashboard took %d ms, not 5 s%n", elapsedMillis(start));
  }

  /** A call that fails twice with an I/O error, retried with exponential backoff. */
  void retryAFlakyCall() {
    out.println("2. A retry");
    AtomicInteger calls = new AtomicInteger();
    Guard guard = Guard.builder("exchange-rate")
        .retry(Retry.builder()
            .maxAttempts(4)
            .delay(Duration.ofMillis(20))
            .backoff(Backoff.EXPONENTIAL)
            .retryOn(IOException.class)
            .onRetry((call, failedAttempt, delay, failure) -> out.printf(
                "   %s: attempt %d failed (%s), next in %d ms%n", call, failedAttempt,
                failure.exception().map(Throwable::getMessage).orElse(failure.kind()), delay.toMillis()))
            .build())
        .timeout(Duration.ofSeconds(1))
        .build();
    Result<Failure, Double> rate = guard.call(() -> {
      if (calls.incrementAndGet() < 3) {
        throw new IOException("connection reset (call " + calls.get() + ")");
      }
      return 1.08;
    });
    out.println("   exchange-rate:   " + describe(rate) + " after " + calls.get() + " calls");
  }

  /** Two mirrors of one file: the faster wins, the slower is cancelled. */
  void raceTwoMirrors() {
    out.println("3. A race");
    try (Scope scope = Scope.open("download")) {
      Result<Failure, String> winner = Tasks.race(scope, List.of(
          () -> {
            try {
              return slowly(2_000, "bytes from mirror-eu");
            } catch (InterruptedException e) {
              out.println("   mirror-eu was cancelled: " + Scope.current().cancellationReason().orElseThrow());
              throw e;
            }
          },
          () -> slowly(30, "bytes from mirror-us")));
      out.println("   winner:          " + describe(winner));
    }
  }

  private static <T> String describe(Result<Failure, T> result) {
    return switch (result) {
      case Result.Ok<Failure, T>(var value) -> "ok, " + value;
      case Result.Err<Failure, T>(Failure.Cancelled cancelled) -> "cancelled, " + cancelled.reason();
      case Result.Err<Failure, T>(Failure.TimedOut timedOut) -> "timed out after " + timedOut.after().toMillis() + " ms";
      case Result.Err<Failure, T>(Failure.Thrown thrown) -> "failed, " + thrown.cause();
      case Result.Err<Failure, T>(var other) -> "failed, " + other;
    };
  }

  private static <T> T slowly(long millis, T value) throws InterruptedException {
    Thread.sleep(millis);
    return value;
  }

  private static long elapsedMillis(long start) {
    return Duration.ofNanos(System.nanoTime() - start).toMillis();
  }
}
