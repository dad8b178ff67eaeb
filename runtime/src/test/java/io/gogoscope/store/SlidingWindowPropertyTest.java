package io.gogoscope.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.testing.ManualTimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * For any calls at any times, the in-memory store is an exact sliding window: no window of length
 * {@code window} holds more than {@code max} admissions, a call is refused only when its window is
 * full, and every decision's {@code remaining} and {@code resetAt} are what the admissions imply.
 */
class SlidingWindowPropertyTest {

  /** A call on key {@code key} after {@code waitMillis}. */
  record Call(long waitMillis, int key) {}

  @Provide
  Arbitrary<List<Call>> calls() {
    Arbitrary<Long> wait = Arbitraries.oneOf(
        Arbitraries.just(0L), Arbitraries.longs().between(0, 30), Arbitraries.longs().between(0, 300));
    return Combinators.combine(wait, Arbitraries.integers().between(0, 2)).as(Call::new)
        .list().ofMaxSize(300);
  }

  @Property(tries = 500)
  void noWindowEverHoldsMoreThanMaxAndRefusalsOnlyHappenWhenFull(
      @ForAll("calls") List<Call> calls,
      @ForAll @IntRange(min = 1, max = 6) int max,
      @ForAll @IntRange(min = 1, max = 200) int windowMillis) {
    ManualTimeSource time = new ManualTimeSource();
    InMemoryRateLimitStore store = new InMemoryRateLimitStore(time);
    Duration window = Duration.ofMillis(windowMillis);
    long windowNanos = window.toNanos();
    Map<Integer, List<Long>> admitted = new HashMap<>();

    for (Call call : calls) {
      time.advance(Duration.ofMillis(call.waitMillis()));
      long now = time.elapsed().toNanos();
      List<Long> times = admitted.computeIfAbsent(call.key(), k -> new ArrayList<>());
      List<Long> inWindow = times.stream().filter(t -> now - t < windowNanos).toList();

      RateLimitDecision decision = store.checkAndIncrement("key" + call.key(), max, window);

      assertThat(decision.allowed()).as("refused only when the window (%s) is full", inWindow)
          .isEqualTo(inWindow.size() < max);
      int counted = inWindow.size() + (decision.allowed() ? 1 : 0);
      if (decision.allowed()) {
        times.add(now);
      }
      long oldest = decision.allowed() && inWindow.isEmpty() ? now : inWindow.get(0);
      assertThat(decision.remaining()).isEqualTo(max - counted);
      assertThat(decision.resetAt()).isEqualTo(instantAt(oldest + windowNanos));
      assertThat(decision.limit()).isEqualTo(max);
    }

    for (List<Long> times : admitted.values()) {
      // The fullest windows end at an admission: check the one ending at each.
      for (long end : times) {
        long inWindow = times.stream().filter(t -> t <= end && end - t < windowNanos).count();
        assertThat(inWindow).isLessThanOrEqualTo(max);
      }
    }
  }

  private static Instant instantAt(long elapsedNanos) {
    return ManualTimeSource.DEFAULT_START.plusNanos(elapsedNanos);
  }
}
