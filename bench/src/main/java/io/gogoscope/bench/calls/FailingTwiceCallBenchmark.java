package io.gogoscope.bench.calls;

import java.io.IOException;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A call that fails twice and succeeds on its third attempt, with no delay between attempts: what
 * each library's retry machinery costs when it works. Every variant makes exactly three attempts
 * per operation; the trial fails if one did not.
 */
public class FailingTwiceCallBenchmark extends GuardedCallBenchmark {

  private final Backend backend = new Backend();

  @Override
  int body(int id) throws IOException {
    return backend.fetchFlaky(id);
  }

  /** How many times the body ran. */
  long attempts() {
    return backend.flakyCalls();
  }

  /** Fails the trial when a variant made other than three attempts per call. */
  @TearDown
  public void checkThreeAttemptsPerCall() {
    if (attempts() % CallPolicies.ATTEMPTS != 0) {
      throw new IllegalStateException(
          "the body ran " + attempts() + " times, not a multiple of " + CallPolicies.ATTEMPTS
              + ": some call made another number of attempts");
    }
  }
}
