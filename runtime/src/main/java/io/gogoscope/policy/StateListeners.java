package io.gogoscope.policy;

import io.gogoscope.CircuitState;
import java.lang.System.Logger.Level;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The state listeners of one circuit breaker, and the in-order delivery of its transitions to
 * them. Transitions are queued under the breaker's transition lock (so the queue has their order)
 * and delivered after it is released by one thread at a time: each transition reaches each
 * listener exactly once, in order, and never under a lock, even when a listener itself causes the
 * next transition.
 */
final class StateListeners {
  private static final System.Logger LOG = System.getLogger(CircuitBreaker.class.getName());

  private final String name;
  private final CopyOnWriteArrayList<Registration> registrations = new CopyOnWriteArrayList<>();
  private final Queue<Transition> pending = new ConcurrentLinkedQueue<>();
  private final AtomicInteger deliveryRequests = new AtomicInteger();

  StateListeners(String name) {
    this.name = name;
  }

  AutoCloseable add(CircuitBreaker.StateListener listener) {
    Registration registration = new Registration(listener);
    registrations.add(registration);
    return registration;
  }

  /** Queues a transition; call under the transition lock, then {@link #deliver()} after it. */
  void enqueue(CircuitState from, CircuitState to) {
    pending.add(new Transition(from, to));
  }

  /** Delivers queued transitions, unless another thread is already doing so (it will take ours). */
  void deliver() {
    if (deliveryRequests.getAndIncrement() != 0) {
      return;
    }
    boolean drained = false;
    try {
      int requests = 1;
      do {
        for (Transition t; (t = pending.poll()) != null; ) {
          for (Registration r : registrations) {
            r.notify(name, t);
          }
        }
        requests = deliveryRequests.addAndGet(-requests);
      } while (requests != 0);
      drained = true;
    } finally {
      if (!drained) {
        // An Error escaped a listener: give up the delivery role so the next transition delivers
        // what is still queued, instead of leaving every later transition unheard.
        deliveryRequests.set(0);
      }
    }
  }

  private record Transition(CircuitState from, CircuitState to) {}

  /** One added listener; closing removes exactly this registration. */
  private final class Registration implements AutoCloseable {
    private final CircuitBreaker.StateListener listener;

    Registration(CircuitBreaker.StateListener listener) {
      this.listener = listener;
    }

    void notify(String name, Transition t) {
      try {
        listener.changed(name, t.from(), t.to());
      } catch (RuntimeException e) {
        // A listener must not break the guarded call that happened to cause the transition, nor
        // keep the other listeners from hearing it; the failure is logged, not lost.
        LOG.log(Level.WARNING, "circuit breaker '" + name + "': state listener " + listener
            + " failed on " + t.from() + " -> " + t.to(), e);
      }
    }

    @Override
    public void close() {
      registrations.remove(this);
    }
  }
}
