package io.gogoscope.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The first program prints what happened at each step. */
@Timeout(60)
class RuntimeByHandTest {

  @Test
  void printsWhatHappened() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new RuntimeByHand(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("profile:         ok, Ada Lovelace")
        .contains("orders:          ok, 3")
        .contains("recommendations: cancelled, ScopeTimedOut[scope=dashboard, timeout=PT0.3S]")
        .contains("exchange-rate: attempt 1 failed (connection reset (call 1)), next in 20 ms")
        .contains("exchange-rate: attempt 2 failed (connection reset (call 2)), next in 40 ms")
        .contains("exchange-rate:   ok, 1.08 after 3 calls")
        .contains("mirror-eu was cancelled: LostRace[winner=candidate-1]")
        .contains("winner:          ok, bytes from mirror-us");
  }
}
