package io.gogoscope.examples.policies;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.ScopeRuntime;
import io.gogoscope.config.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What {@link PoliciesExample} prints, with the annotation values and with its overrides. */
@Timeout(60)
class PoliciesExampleTest {

  @Test
  void annotationValues() {
    assertThat(PoliciesExample.run(ScopeRuntime.builder().config(ConfigSource.none()).build())).containsExactly(
        "label(o-1) -> printed after 3 requests",
        "label(stuck) -> not printed yet (the last answer stands) after 4 requests",
        "book(nowhere) -> rejected: no delivery to nowhere",
        "book(nowhere) -> rejected: no delivery to nowhere",
        "book(Main St 1) -> pickup for o-1",
        "book(outage) -> failed: carrier unreachable",
        "book(outage) -> failed: carrier unreachable",
        "book(Main St 2) -> not tried: breaker carrier is open",
        "carrier breaker: OPEN");
  }

  @Test
  void overrides() {
    assertThat(PoliciesExample.run(ScopeRuntime.builder().config(ConfigSource.of(PoliciesExample.OVERRIDES)).build()))
        .containsExactly(
            "label(o-1) -> printed after 3 requests",
            "label(stuck) -> not printed yet (the last answer stands) after 6 requests",
            "book(nowhere) -> rejected: no delivery to nowhere",
            "book(nowhere) -> rejected: no delivery to nowhere",
            "book(Main St 1) -> not tried: breaker carrier is open",
            "book(outage) -> not tried: breaker carrier is open",
            "book(outage) -> not tried: breaker carrier is open",
            "book(Main St 2) -> not tried: breaker carrier is open",
            "carrier breaker: OPEN");
  }
}
