package io.gogoscope.store.contract;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * What the contract suites share: two clients of the backend per test, keys of the test's own, and
 * the time allowances a backend may adjust.
 *
 * @param <S> the store interface under test
 */
public abstract class StoreContract<S> {

  /**
   * A client of the backend under test. Called twice per test: the two clients stand for two
   * processes sharing the backend. A backend with separate clients returns a new one per call (a
   * second connection, a second store instance on the same server); an in-memory store returns its
   * one shared instance.
   */
  protected abstract S newClient();

  /** How long to wait for something that should happen (generous: the machine may be loaded). */
  protected Duration patience() {
    return Duration.ofSeconds(10);
  }

  /**
   * How much earlier than expected a time-based change (an expiry, a window's end) may show, for
   * backends whose clock is coarser than the client's or runs elsewhere.
   */
  protected Duration clockTolerance() {
    return Duration.ofMillis(30);
  }

  /** The first client of this test. */
  protected S first;

  /** The second client of this test (the same object as {@link #first} for in-memory stores). */
  protected S second;

  private String keyBase;

  @BeforeEach
  void createClients(TestInfo test) {
    first = newClient();
    second = newClient();
    keyBase = "contract:" + test.getTestMethod().orElseThrow().getName() + ":" + UUID.randomUUID();
  }

  /** A key (or circuit name) unique to this test. */
  protected String key(String name) {
    return keyBase + ":" + name;
  }
}
