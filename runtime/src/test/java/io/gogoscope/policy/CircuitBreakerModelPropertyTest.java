package io.gogoscope.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.policy.CircuitBreaker.Config;
import io.gogoscope.testing.ManualTimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The circuit breaker agrees with {@link CircuitModel}, the documented semantics, at every step of
 * any sequence of permission requests, outcomes (of calls let through, possibly long ago and in
 * another state), releases, time advances and state reads: same answers, same state, same
 * transitions heard exactly once each, same retry-after.
 */
class CircuitBreakerModelPropertyTest {

  sealed interface Step {}

  /** Ask permission; a granted call joins the calls in flight. */
  record Acquire() implements Step {}

  /**
   * Finish one call in flight with {@code outcome} (which one does not matter: reports carry no
   * identity, so the breaker applies them to the state they arrive in).
   */
  record Finish(Outcome outcome) implements Step {}

  /** Let time pass. */
  record Advance(long millis) implements Step {}

  /** Read {@link CircuitBreaker#state()} (which half-opens an expired open breaker). */
  record ReadState() implements Step {}

  enum Outcome { SUCCESS, FAILURE, RELEASE }

  @Property(tries = 2000, edgeCases = EdgeCasesMode.FIRST)
  void breakerAgreesWithTheModelAtEveryStep(
      @ForAll("configs") Config config, @ForAll("steps") List<Step> steps) {
    ManualTimeSource time = new ManualTimeSource();
    List<String> heard = new ArrayList<>();
    CircuitBreaker breaker = CircuitBreaker.create(
        "model", config, time, null, (name, from, to) -> heard.add(from + "->" + to));
    CircuitModel model = new CircuitModel(config);
    int inFlight = 0;

    for (Step step : steps) {
      switch (step) {
        case Acquire a -> {
          boolean granted = breaker.tryAcquirePermission();
          assertThat(granted).as("permission after %s", heard).isEqualTo(model.acquire());
          if (granted) {
            inFlight++;
          }
        }
        case Finish f -> {
          if (inFlight == 0) {
            continue; // outcomes are reported only for calls let through
          }
          inFlight--;
          switch (f.outcome()) {
            case SUCCESS -> {
              breaker.onSuccess();
              model.success();
            }
            case FAILURE -> {
              breaker.onFailure();
              model.failure();
            }
            case RELEASE -> {
              breaker.releasePermission();
              model.release();
            }
          }
        }
        case Advance a -> {
          time.advance(Duration.ofMillis(a.millis()));
          model.advance(Duration.ofMillis(a.millis()).toNanos());
        }
        case ReadState r -> assertThat(breaker.state()).isEqualTo(model.readState());
      }
      assertThat(breaker.phaseState()).as("state after %s", step).isEqualTo(model.rawState());
      assertThat(heard).as("transitions heard after %s", step).isEqualTo(model.transitions);
      assertThat(breaker.retryAfter().toNanos()).isEqualTo(model.retryAfterNanos());
    }
    Statistics.label("transitions").collect(Math.min(heard.size(), 10));
    Statistics.label("reached half-open").collect(heard.contains("OPEN->HALF_OPEN"));
  }

  @Provide
  Arbitrary<Config> configs() {
    return Arbitraries.integers().between(1, 8).flatMap(window -> {
      Arbitrary<Integer> upToWindow = Arbitraries.integers().between(1, window);
      Arbitrary<Double> ratio = Arbitraries.oneOf(
          Arbitraries.just(0.0), Arbitraries.of(0.25, 0.5, 1.0), Arbitraries.doubles().between(0.01, 1).ofScale(2));
      Arbitrary<Tuple.Tuple2<Integer, Integer>> halfOpen = Combinators.combine(
          Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3)).as(Tuple::of);
      return Combinators.combine(upToWindow, ratio, upToWindow, Arbitraries.integers().between(1, 50), halfOpen)
          .as((threshold, r, minimum, resetMillis, ho) -> new Config(
              threshold, r, minimum, window, Duration.ofMillis(resetMillis), ho.get1(), ho.get2(), false));
    });
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> step = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.just(new Acquire())),
        Tuple.of(5, Arbitraries.frequency(
                Tuple.of(3, Outcome.SUCCESS), Tuple.of(4, Outcome.FAILURE), Tuple.of(1, Outcome.RELEASE))
            .map(Finish::new)),
        Tuple.of(2, Arbitraries.longs().between(0, 60).map(Advance::new)),
        Tuple.of(1, Arbitraries.just(new ReadState())));
    return step.list().ofMinSize(10).ofMaxSize(200);
  }
}
