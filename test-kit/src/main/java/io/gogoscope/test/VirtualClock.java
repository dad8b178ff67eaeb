package io.gogoscope.test;

import io.gogoscope.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link TimeSource} that moves only when the test moves it. Give it to the runtime and to the
 * stores, and everything time-based follows it: retry delays, circuit-breaker reset timeouts, the
 * in-memory stores' TTLs and windows, the delays of {@link io.gogoscope.test.store.Faults}, and the
 * timeouts that interrupt work (a guard's attempt and overall timeouts, a scope's timeout and
 * deadline), which this clock {@linkplain #drivesTimeouts drives}:
 *
 * <pre>{@code
 * VirtualClock clock = VirtualClock.create();
 * ScopeRuntime runtime = ScopeRuntime.builder().timeSource(clock).build();
 * Future<Result<Failure, String>> call = executor.submit(() -> guard.call(flakyService::fetch));
 * clock.awaitSleepers(1);               // the first retry delay has begun
 * clock.advance(Duration.ofSeconds(2)); // runs every delay and timeout due within 2 s, in order
 * }</pre>
 *
 * <h2>Two ways to move</h2>
 * <ul>
 *   <li>{@link #create()}: a {@link #sleep} blocks its thread until the test {@link #advance}s the
 *       clock past its end. {@code advance} runs what comes due one at a time, in the order of
 *       their instants, each at its own instant: it wakes a sleeper, or fires a timeout (which
 *       interrupts the call's thread, or cancels the scope, as in real time), and waits for the
 *       threads it moved to settle (to sleep again, block, or end) before the next: what happens in
 *       a second of virtual time happens in the order it would in real time, deterministically, in
 *       milliseconds.
 *   <li>{@link #autoAdvancing()}: a sleep moves the clock by its length and returns at once, so a
 *       call that retries with backoff on the test's own thread simply runs through; a timeout that
 *       comes due during the sleep fires at its instant and ends the sleep, as it would in real
 *       time. Best for a single thread; with several, their sleeps add up.
 * </ul>
 *
 * <h2>Timeouts</h2>
 * A timeout armed under this clock fires when the clock reaches it, never in real time: a body that
 * blocks (on I/O, a latch) stays blocked until the test advances past its timeout. Work that takes
 * real time takes no virtual time. The runtime reads {@link #drivesTimeouts()} when it is built, so
 * give the clock to {@code ScopeRuntime.builder().timeSource(...)}; guards and scopes of other
 * runtimes keep the real clock.
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
  private final PriorityQueue<Timeout> timeouts =
      new PriorityQueue<>(Comparator.comparingLong((Timeout t) -> t.at).thenComparingLong(t -> t.sequence));
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

  /** {@code true}: the runtime's timeouts and scope deadlines follow this clock, fired by {@link #advance}. */
  @Override
  public boolean drivesTimeouts() {
    return true;
  }

  /**
   * Runs {@code action} when the clock reaches {@code nanoTime} (a reading of {@link #nanoTime()}):
   * during the {@link #advance} (or, on an auto-advancing clock, the sleep) that moves it there, or
   * at once when the clock is already there. The runtime schedules its timeouts this way.
   */
  @Override
  public Future<?> schedule(long nanoTime, Runnable action) {
    FutureTask<Void> task = new FutureTask<>(action, null);
    long at = nanoTime - NANO_ORIGIN;
    boolean due;
    lock.lock();
    try {
      due = at <= elapsed;
      if (!due) {
        timeouts.add(new Timeout(at, sequence++, task, Thread.currentThread()));
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
    if (due) {
      task.run();
    }
    return task;
  }

  /** How many timeouts (and scope deadlines) wait for the clock to reach them. */
  public int pendingTimeouts() {
    lock.lock();
    try {
      dropCancelled();
      return timeouts.size();
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
      sleepAdvancing(duration.toNanos());
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
   * Moves the clock forward by {@code duration}, running what becomes due, earliest first, each at
   * its own instant: a sleeper whose sleep ends is woken; a timeout fires (interrupting its call's
   * thread, or cancelling its scope). The threads it moved settle before the next is run. Returns
   * when the clock reads {@code duration} later and nothing due is left.
   */
  public void advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("time only moves forward; got " + duration);
    }
    long target = saturatedAdd(elapsed, duration.toNanos());
    while (true) {
      Sleeper sleeper = null;
      Timeout timeout = null;
      lock.lock();
      try {
        dropCancelled();
        Sleeper s = sleepers.peek();
        Timeout t = timeouts.peek();
        if (s != null && s.wakeAt <= target && (t == null || s.before(t))) {
          sleeper = sleepers.poll();
          elapsed = Math.max(elapsed, s.wakeAt);
          s.woken = true;
          changed.signalAll();
        } else if (t != null && t.at <= target) {
          timeout = timeouts.poll();
          elapsed = Math.max(elapsed, t.at);
        } else {
          elapsed = Math.max(elapsed, target);
          return;
        }
      } finally {
        lock.unlock();
      }
      if (sleeper != null) {
        settle(sleeper.thread);
      } else {
        fire(timeout);
      }
    }
  }

  /**
   * Moves the clock to the earliest sleep's end or timeout, running it (and whatever else is due
   * then); {@code false} when nothing waits on the clock.
   */
  public boolean advanceToNext() {
    Duration next;
    lock.lock();
    try {
      dropCancelled();
      Sleeper first = sleepers.peek();
      Timeout timeout = timeouts.peek();
      if (first == null && timeout == null) {
        return false;
      }
      long at = first == null ? timeout.at : timeout == null ? first.wakeAt : Math.min(first.wakeAt, timeout.at);
      next = Duration.ofNanos(Math.max(0, at - elapsed));
    } finally {
      lock.unlock();
    }
    advance(next);
    return true;
  }

  /**
   * Runs {@code timeout}'s action (it interrupts a call's thread or cancels a scope), then lets the
   * threads it moved settle: the thread that armed it, and every sleeper it interrupted (taken out
   * of the queue here, so it counts as woken until it leaves {@link #sleep}).
   */
  private void fire(Timeout timeout) {
    timeout.task.run();
    List<Thread> moved = new ArrayList<>();
    moved.add(timeout.thread);
    lock.lock();
    try {
      for (Iterator<Sleeper> it = sleepers.iterator(); it.hasNext(); ) {
        Sleeper s = it.next();
        if (s.thread.isInterrupted()) {
          it.remove();
          moved.add(s.thread);
        }
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    for (Thread thread : moved) {
      if (thread != Thread.currentThread()) {
        settle(thread);
      }
    }
  }

  /** Drops timeouts whose call or scope ended first. Under the lock. */
  private void dropCancelled() {
    for (Timeout t; (t = timeouts.peek()) != null && t.task.isDone(); ) {
      timeouts.poll();
    }
  }

  /**
   * An auto-advancing sleep: moves the clock by {@code nanos}, firing the timeouts that come due on
   * the way at their instants; one that interrupts this thread ends the sleep there.
   */
  private void sleepAdvancing(long nanos) throws InterruptedException {
    long target;
    lock.lock();
    try {
      target = saturatedAdd(elapsed, nanos);
    } finally {
      lock.unlock();
    }
    while (true) {
      Timeout due;
      lock.lock();
      try {
        dropCancelled();
        due = timeouts.peek();
        if (due == null || due.at > target) {
          moveTo(target);
          return;
        }
        timeouts.poll();
        moveTo(due.at);
      } finally {
        lock.unlock();
      }
      due.task.run();
      if (Thread.interrupted()) {
        throw new InterruptedException("a timeout fired during a sleep on the virtual clock");
      }
    }
  }

  /**
   * Runs {@code call} on a virtual thread of its own and, whenever a thread sleeps on this clock,
   * moves the clock to the next sleep's end or timeout, until the call returns: a call with retry
   * delays (or a slow faulty store) runs through at once, each delay at its own instant, and a
   * timeout that comes due during a delay fires there. While no thread sleeps on the clock it does
   * not move: a body blocked on anything else (I/O, a latch) waits for {@link #advance}.
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
      // Only while a thread sleeps on the clock: a call still working (in real time) has its
      // timeouts fire at their virtual instant, not while it computes.
      if (sleepers() == 0 || !advanceToNext()) {
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

  /**
   * Waits (in real time, up to 10 s) until at least {@code count} timeouts wait for the clock: how
   * a test knows a call has armed its timeout (its attempt is running) before it advances.
   *
   * @throws AssertionError when they do not within 10 s
   */
  public void awaitTimeouts(int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    lock.lock();
    try {
      dropCancelled();
      while (timeouts.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("expected " + count + " timeout(s) armed on the virtual clock within 10 s, but "
              + timeouts.size() + " were");
        }
        changed.awaitNanos(left);
        dropCancelled();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for timeouts", e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Moves the clock to {@code target} (if later); a sleeper of another thread whose end has passed
   * then is due too. Under the lock.
   */
  private void moveTo(long target) {
    elapsed = Math.max(elapsed, target);
    for (Sleeper s; (s = sleepers.peek()) != null && s.wakeAt <= elapsed; ) {
      sleepers.poll();
      s.woken = true;
    }
    changed.signalAll();
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
      boolean waiting = state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
      // A waiting thread with an interrupt pending has not seen it yet: a timeout just fired it.
      boolean stopped = state == Thread.State.TERMINATED
          || state == Thread.State.BLOCKED && !isWaitingToBeWoken(thread)
          || waiting && !thread.isInterrupted() && !isWaitingToBeWoken(thread);
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

    /** Whether this sleep ends before {@code timeout} fires (at the same instant: first come). */
    boolean before(Timeout timeout) {
      return wakeAt < timeout.at || wakeAt == timeout.at && sequence < timeout.sequence;
    }
  }

  /** A runtime's timeout (a call's deadline, a scope's) waiting for its instant. */
  private static final class Timeout {
    final long at;
    final long sequence;
    final FutureTask<Void> task;
    /** The thread that armed it: the call's own thread, or the scope's opener. */
    final Thread thread;

    Timeout(long at, long sequence, FutureTask<Void> task, Thread thread) {
      this.at = at;
      this.sequence = sequence;
      this.task = task;
      this.thread = thread;
    }
  }
}
