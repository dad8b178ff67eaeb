package io.gogoscope.test;

import io.gogoscope.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link TimeSource} that moves only when the test moves it. Give it to the runtime and to the
 * stores, and retry delays, circuit-breaker reset timeouts, the in-memory stores' TTLs and windows
 * and the delays of {@link io.gogoscope.test.store.Faults} all follow it:
 *
 * <pre>{@code
 * VirtualClock clock = VirtualClock.create();
 * ScopeRuntime runtime = ScopeRuntime.builder().timeSource(clock).build();
 * Future<Result<Failure, String>> call = executor.submit(() -> guard.call(flakyService::fetch));
 * clock.awaitSleepers(1);               // the first retry delay has begun
 * clock.advance(Duration.ofSeconds(1)); // runs every delay that ends within this second, in order
 * }</pre>
 *
 * <h2>Two ways to move</h2>
 * <ul>
 *   <li>{@link #create()}: a {@link #sleep} blocks its thread until the test {@link #advance}s the
 *       clock past its end. {@code advance} wakes the sleepers that come due one at a time, in the
 *       order of their ends, each at its own instant, and waits for each woken thread to settle (to
 *       sleep again, block, or end) before the next: what happens in a second of virtual time happens
 *       in the order it would in real time, deterministically, in milliseconds.
 *   <li>{@link #autoAdvancing()}: a sleep moves the clock by its length and returns at once, so a
 *       call that retries with backoff on the test's own thread simply runs through. Best for a
 *       single thread; with several, their sleeps add up.
 * </ul>
 *
 * <h2>What it does not drive</h2>
 * Timeouts that interrupt work (a guard's attempt and overall timeouts, a scope's timeout and
 * deadline) are fired by the runtime's watchdog on the real monotonic clock, so they stay real:
 * keep them short in tests, or leave them out of the code under a virtual-time test.
 *
 * <p>The monotonic reading starts at a large arbitrary value and the wall clock at
 * {@link #DEFAULT_START}, so code that mistakes a reading for an elapsed time shows up. Thread-safe.
 */
public final class VirtualClock implements TimeSource {
  /** The wall-clock time of a new clock: 2025-01-01T00:00:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2025-01-01T00:00:00Z");

  private static final long NANO_ORIGIN = 1_000_000_000_000_000L;
  /** How long {@link #advance} waits in real time for a woken thread to settle before going on. */
  private static final long SETTLE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final boolean autoAdvance;
  private final Instant start;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final PriorityQueue<Sleeper> sleepers =
      new PriorityQueue<>(Comparator.comparingLong((Sleeper s) -> s.wakeAt).thenComparingLong(s -> s.sequence));
  private final List<Duration> slept = new ArrayList<>();
  private volatile long elapsed;
  private long sequence;

  private VirtualClock(boolean autoAdvance, Instant start) {
    this.autoAdvance = autoAdvance;
    this.start = Objects.requireNonNull(start, "start");
  }

  /** A clock at {@link #DEFAULT_START} whose sleeps wait for {@link #advance}. */
  public static VirtualClock create() {
    return new VirtualClock(false, DEFAULT_START);
  }

  /** A clock at {@code start} whose sleeps wait for {@link #advance}. */
  public static VirtualClock startingAt(Instant start) {
    return new VirtualClock(false, start);
  }

  /** A clock at {@link #DEFAULT_START} that a sleep moves by its own length, returning at once. */
  public static VirtualClock autoAdvancing() {
    return new VirtualClock(true, DEFAULT_START);
  }

  @Override
  public long nanoTime() {
    return NANO_ORIGIN + elapsed;
  }

  @Override
  public Instant now() {
    return start.plusNanos(elapsed);
  }

  /** How far the clock has moved since it was created. */
  public Duration elapsed() {
    return Duration.ofNanos(elapsed);
  }

  /** Every duration passed to {@link #sleep}, in call order: the delays the code chose. */
  public List<Duration> sleeps() {
    lock.lock();
    try {
      return List.copyOf(slept);
    } finally {
      lock.unlock();
    }
  }

  /** How many threads are sleeping on this clock now. */
  public int sleepers() {
    lock.lock();
    try {
      return sleepers.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until the calling thread is woken by {@link #advance} at {@code duration} from now
   * (or, on an {@linkplain #autoAdvancing auto-advancing} clock, moves the clock and returns).
   *
   * @throws InterruptedException when the thread is interrupted before or while it sleeps (a
   *     cancelled scope, a timeout); the clock does not move then
   */
  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before sleeping " + duration);
    }
    lock.lock();
    try {
      slept.add(duration);
    } finally {
      lock.unlock();
    }
    if (!duration.isPositive()) {
      return;
    }
    if (autoAdvance) {
      moveBy(duration.toNanos());
      return;
    }
    lock.lockInterruptibly();
    try {
      Sleeper me = new Sleeper(Thread.currentThread(), saturatedAdd(elapsed, duration.toNanos()), sequence++);
      sleepers.add(me);
      changed.signalAll();
      try {
        while (!me.woken) {
          changed.await();
        }
      } catch (InterruptedException e) {
        sleepers.remove(me);
        changed.signalAll();
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Moves the clock forward by {@code duration}, running what becomes due: each sleeper whose sleep
   * ends by then is woken at its own instant, earliest first, and settles before the next is woken.
   * Returns when the clock reads {@code duration} later and nothing due is left.
   */
  public void advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("time only moves forward; got " + duration);
    }
    long target = saturatedAdd(elapsed, duration.toNanos());
    while (true) {
      Sleeper due;
      lock.lock();
      try {
        due = sleepers.peek();
        if (due == null || due.wakeAt > target) {
          elapsed = Math.max(elapsed, target);
          return;
        }
        sleepers.poll();
        elapsed = Math.max(elapsed, due.wakeAt);
        due.woken = true;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
      settle(due.thread);
    }
  }

  /** Moves the clock to the end of the earliest sleep, waking that sleeper; {@code false} if none. */
  public boolean advanceToNext() {
    Duration next;
    lock.lock();
    try {
      Sleeper first = sleepers.peek();
      if (first == null) {
        return false;
      }
      next = Duration.ofNanos(first.wakeAt - elapsed);
    } finally {
      lock.unlock();
    }
    advance(next);
    return true;
  }

  /**
   * Runs {@code call} on a virtual thread of its own and, whenever every sleeper on this clock is
   * waiting, moves the clock to the end of the earliest sleep, until the call returns: a call with
   * retry delays (or a slow faulty store) runs through at once, each delay at its own instant.
   * Work that waits in real time (a timeout, I/O) takes its real time.
   *
   * <pre>{@code
   * Result<FetchUserError, User> result = clock.runAdvancing(() -> users.fetchUser("flaky"));
   * }</pre>
   *
   * @throws AssertionError when the call has not returned within 60 s of real time
   */
  public <T> T runAdvancing(java.util.concurrent.Callable<T> call) throws Exception {
    java.util.concurrent.CompletableFuture<T> done = new java.util.concurrent.CompletableFuture<>();
    Thread runner = Thread.ofVirtual().name("virtual-clock-call").start(() -> {
      try {
        done.complete(call.call());
      } catch (Throwable t) {
        done.completeExceptionally(t);
      }
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!done.isDone()) {
      if (System.nanoTime() - deadline > 0) {
        runner.interrupt();
        throw new AssertionError("the call did not return within 60 s of real time (virtual time "
            + elapsed() + ", sleeps " + sleeps() + ")");
      }
      if (!advanceToNext()) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      }
    }
    try {
      return done.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /**
   * Waits (in real time, up to 10 s) until at least {@code count} threads sleep on this clock: how
   * a test knows the code under test has reached its delay before it advances.
   *
   * @throws AssertionError when they do not within 10 s
   */
  public void awaitSleepers(int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    lock.lock();
    try {
      while (sleepers.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("expected " + count + " thread(s) sleeping on the virtual clock within 10 s, but "
              + sleepers.size() + " did (sleeps so far: " + slept + ")");
        }
        changed.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for sleepers", e);
    } finally {
      lock.unlock();
    }
  }

  private void moveBy(long nanos) {
    lock.lock();
    try {
      elapsed = saturatedAdd(elapsed, nanos);
      // A sleeper of another thread whose end has now passed is due too.
      for (Sleeper s; (s = sleepers.peek()) != null && s.wakeAt <= elapsed; ) {
        sleepers.poll();
        s.woken = true;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until {@code thread}, just woken, has run on to its next wait: sleeping on this clock
   * again, blocked or waiting on anything else, or ended. A thread still computing after
   * {@link #SETTLE_LIMIT_NANOS} is left running.
   */
  private void settle(Thread thread) {
    long deadline = System.nanoTime() + SETTLE_LIMIT_NANOS;
    // It leaves await() RUNNABLE; first see it run (off our lock), then see it stop.
    for (int spins = 0; System.nanoTime() - deadline < 0; spins++) {
      Thread.State state = thread.getState();
      boolean stopped = state == Thread.State.TERMINATED
          || ((state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED)
              && !isWaitingToBeWoken(thread));
      if (stopped) {
        return;
      }
      if (spins < 100) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
        if (spins > 1_000) {
          LockSupport.parkNanos(50_000);
        }
      }
    }
  }

  /** Whether {@code thread} was woken but has not yet left {@link #sleep} (it waits for our lock). */
  private boolean isWaitingToBeWoken(Thread thread) {
    if (!lock.tryLock()) {
      return true; // someone holds the lock: maybe the woken thread itself; look again
    }
    try {
      return sleepers.stream().noneMatch(s -> s.thread == thread)
          && isParkedInSleep(thread);
    } finally {
      lock.unlock();
    }
  }

  private static boolean isParkedInSleep(Thread thread) {
    for (StackTraceElement frame : thread.getStackTrace()) {
      if (frame.getClassName().equals(VirtualClock.class.getName()) && frame.getMethodName().equals("sleep")) {
        return true;
      }
    }
    return false;
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  private static final class Sleeper {
    final Thread thread;
    final long wakeAt;
    final long sequence;
    boolean woken;

    Sleeper(Thread thread, long wakeAt, long sequence) {
      this.thread = thread;
      this.wakeAt = wakeAt;
      this.sequence = sequence;
    }
  }
}
