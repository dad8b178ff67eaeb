package io.gogoscope.processor.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
      "250ms, PT0.25S",
      "2s, PT2S",
      "1m, PT1M",
      "1h, PT1H",
      "1d, PT24H",
      "1500us, PT0.0015S",
      "7ns, PT0.000000007S",
      "PT2S, PT2S",
      "PT1M30S, PT1M30S",
      "-5s, PT-5S",
      "-PT1S, PT-1S",
      "0ms, PT0S"})
  void readsShortFormsAndIso8601(String text, String expected) {
    assertThat(Durations.parse(text)).contains(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2", "2 s", "2 parsecs", "1.5s", "s", "PT", "P1Y", "2S", "99999999999999999999h"})
  void rejectsAnythingElse(String text) {
    assertThat(Durations.parse(text)).isEmpty();
  }
}
