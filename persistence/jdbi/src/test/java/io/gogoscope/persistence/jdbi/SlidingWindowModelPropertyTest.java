package io.gogoscope.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.store.RateLimitDecision;
import io.gogoscope.store.RateLimitStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The bounded log the SQL keeps (the last {@code max} admissions) decides exactly like a sliding
 * window over every admission ever made, for any sequence of calls, gaps and limit changes. Runs
 * SQLite's statements (the other dialects' are checked at the edges by {@link ExactEdgesTest}).
 */
class SlidingWindowModelPropertyTest {

  private static final long WINDOW = 1_000;
  private static SqlBackend backend;
  private static final AtomicLong NOW = new AtomicLong();
  private static RateLimitStore store;

  @BeforeContainer
  static void open() {
    backend = SqlBackend.sqlite().migrate();
    store = backend.stores(b -> b.clock(NOW::get)).rateLimitStore();
  }

  @AfterContainer
  static void close() {
    backend.close();
  }

  /** One call: this long after the previous one, with this limit. */
  record Call(long gap, int max) {}

  @Property(tries = 100)
  void boundedLogDecidesLikeTheFullSlidingWindow(@ForAll("sequences") List<Call> calls) {
    String key = "model:" + UUID.randomUUID();
    List<Long> admissions = new ArrayList<>();
    long now = 1_800_000_000_000L;
    for (Call call : calls) {
      now += call.gap();
      NOW.set(now);
      RateLimitDecision actual = store.checkAndIncrement(key, call.max(), Duration.ofMillis(WINDOW));
      assertThat(actual).as("call at +%d ms with max %d after %s", now - 1_800_000_000_000L, call.max(), admissions)
          .isEqualTo(model(admissions, now, call.max()));
    }
  }

  /** A sliding window over every admission: the definition the SQL must meet. */
  private static RateLimitDecision model(List<Long> admissions, long now, int max) {
    List<Long> inWindow = admissions.stream().filter(t -> t > now - WINDOW).toList();
    if (inWindow.size() < max) {
      admissions.add(now);
      long oldest = inWindow.isEmpty() ? now : inWindow.get(0);
      return new RateLimitDecision(true, max - inWindow.size() - 1, Instant.ofEpochMilli(oldest + WINDOW), max);
    }
    long freeing = inWindow.get(inWindow.size() - max);
    return new RateLimitDecision(false, 0, Instant.ofEpochMilli(freeing + WINDOW), max);
  }

  @Provide
  Arbitrary<List<Call>> sequences() {
    // Gaps mostly short (many calls per window), sometimes near or past the window edge.
    Arbitrary<Long> gaps = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.longs().between(0, 120)),
        Tuple.of(2, Arbitraries.longs().between(WINDOW - 5, WINDOW + 5)),
        Tuple.of(1, Arbitraries.longs().between(0, 3 * WINDOW)));
    Arbitrary<Integer> limits = Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.just(3)),
        Tuple.of(2, Arbitraries.integers().between(1, 6)));
    return Combinators.combine(gaps, limits).as(Call::new).list().ofMinSize(1).ofMaxSize(30);
  }
}
