package io.gogoscope;

import io.gogoscope.policy.CircuitBreaker;
import io.gogoscope.policy.CircuitBreaker.StateListener;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The circuit breakers of a {@link ScopeRuntime}, to see and operate them: what a health endpoint
 * or an admin page needs. Get it from {@link ScopeRuntime#circuitBreakers()}.
 *
 * <pre>{@code
 * for (CircuitBreaker.Status breaker : runtime.circuitBreakers().list()) {
 *   log.info("{} is {} since {}", breaker.name(), breaker.state(), breaker.since());
 * }
 * runtime.circuitBreakers().forceOpen("payments");   // every instance, when the breaker is shared
 * runtime.circuitBreakers().reset("payments");
 * }</pre>
 *
 * <p>Breakers appear when they are first created: for generated code, when {@code ScopedX.of(...)}
 * builds its guards. Maintenance on a {@linkplain CircuitBreaker.Config#shared() shared} breaker
 * goes through the runtime's {@link io.gogoscope.store.CircuitStateStore}, published with a version
 * above the stored one, so every instance follows it. Thread-safe.
 */
public final class CircuitBreakers {
  private final Supplier<Map<String, CircuitBreaker>> breakers;
  private final List<StateListener> listeners = new CopyOnWriteArrayList<>();

  CircuitBreakers(Supplier<Map<String, CircuitBreaker>> breakers) {
    this.breakers = breakers;
  }

  /** Every breaker's status, by name. */
  public List<CircuitBreaker.Status> list() {
    return breakers.get().values().stream()
        .map(CircuitBreaker::status)
        .sorted(Comparator.comparing(CircuitBreaker.Status::name))
        .toList();
  }

  /** The breaker named {@code name}, if the runtime has created it. */
  public Optional<CircuitBreaker> find(String name) {
    return Optional.ofNullable(breakers.get().get(Objects.requireNonNull(name, "name")));
  }

  /**
   * Calls {@code listener} on every transition of every breaker of this runtime, those created
   * later included, until the returned handle is closed. Forced states and resets are transitions
   * too (a reset of a closed breaker is not). Listeners run on the thread that made the transition
   * (a calling thread, or a store's notification thread for a shared one), outside the breaker's
   * lock; keep them quick. One that throws is logged and does not stop the others.
   */
  public AutoCloseable onStateChange(StateListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return () -> listeners.remove(listener);
  }

  /**
   * Holds breaker {@code name} open (see {@link CircuitBreaker#forceOpen()}).
   *
   * @throws NoSuchElementException when the runtime has no breaker of that name
   */
  public void forceOpen(String name) {
    get(name).forceOpen();
  }

  /** Holds breaker {@code name} closed (see {@link CircuitBreaker#forceClosed()}). */
  public void forceClosed(String name) {
    get(name).forceClosed();
  }

  /** Closes breaker {@code name} with an empty window, ending a forced state (see {@link CircuitBreaker#reset()}). */
  public void reset(String name) {
    get(name).reset();
  }

  private CircuitBreaker get(String name) {
    CircuitBreaker breaker = breakers.get().get(Objects.requireNonNull(name, "name"));
    if (breaker == null) {
      throw new NoSuchElementException("no circuit breaker is named \"" + name + "\""
          + Suggestions.didYouMean(name, breakers.get().keySet())
          + "; breakers: " + String.join(", ", breakers.get().keySet().stream().sorted().toList()));
    }
    return breaker;
  }

  /** Hands a transition of breaker {@code name} to every listener. */
  void changed(String name, io.gogoscope.CircuitState from, io.gogoscope.CircuitState to) {
    for (StateListener listener : listeners) {
      try {
        listener.changed(name, from, to);
      } catch (RuntimeException e) {
        System.getLogger(CircuitBreakers.class.getName()).log(System.Logger.Level.WARNING,
            "a circuit-breaker listener failed on " + name + " " + from + " -> " + to, e);
      }
    }
  }
}
