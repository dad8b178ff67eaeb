package io.gogoscope;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one platform thread that fires the {@link DeadlineSlot}s of every thread in the JVM. It costs
 * nothing while no guarded call has a timeout, and little while many do.
 *
 * <h2>Three ways to wait</h2>
 * <ul>
 *   <li><b>Idle</b>: nothing armed, nothing changed since the last look. It parks until an arming
 *       wakes it.
 *   <li><b>Planned</b>: only long-running armings, none changed since the last look. It sleeps until
 *       the earliest of their deadlines; an arming with a sooner deadline wakes it.
 *   <li><b>Polling</b>: slots changed since the last look (calls come and go). It looks again after
 *       at most {@link #RESOLUTION}, and armings never wake it. This is what bounds its cost under
 *       a stream of short calls: it wakes at most once per resolution, however many calls arm, and
 *       a call's expiry is seen at most one resolution late.
 * </ul>
 *
 * <h2>Never missing an arming</h2>
 * {@link #nextWake} is when the watchdog will next look on its own; {@link Long#MIN_VALUE} while it
 * is awake or polling. An arming whose deadline is sooner wakes it ({@link #armed}): the arming
 * writes its slot's state (volatile), then reads {@code nextWake}. Before it idles or plans, the
 * watchdog writes {@code nextWake}, then looks at every slot again. Whatever the interleaving,
 * either that second look sees the arming or the arming sees the new {@code nextWake} and wakes the
 * watchdog (Dekker's pattern; volatile accesses are sequentially consistent).
 *
 * <h2>Starting and stopping</h2>
 * The thread starts on the first arming, not when the class loads, and {@link #shutdown} stops it
 * (so an application that is undeployed leaves no thread holding its class loader). While no
 * thread runs, {@code nextWake} is {@link Long#MAX_VALUE}: every arming then takes the slow path,
 * {@link #wake}, which starts one. The hot path is unchanged: it reads {@code nextWake} anyway.
 *
 * <h2>Reclaiming slots</h2>
 * Task threads the runtime starts deregister their slot as they end. Slots of other threads are
 * reclaimed by a scan once their owner has terminated, so many short-lived threads do not leak.
 */
final class Watchdog {
  /** The longest a changing slot waits to be looked at while the watchdog polls. */
  static final long RESOLUTION = TimeUnit.MILLISECONDS.toNanos(5);

  private static final Set<DeadlineSlot> SLOTS = ConcurrentHashMap.newKeySet();

  /**
   * When the watchdog will next look on its own; {@link Long#MIN_VALUE} while awake or polling,
   * {@link Long#MAX_VALUE} while no thread runs (so that the next arming starts one).
   */
  private static volatile long nextWake = Long.MAX_VALUE;

  // Results of the last scan; the watchdog thread's only.
  private static long earliest;
  private static boolean changed;

  /** The running watchdog thread, or {@code null}; written under the class's monitor. */
  private static volatile Thread thread;

  private Watchdog() {}

  /** Adds a thread's slot to the scan (once per thread, before it first arms). */
  static void register(DeadlineSlot slot) {
    SLOTS.add(slot);
  }

  /** Removes the slot of a thread that is ending. */
  static void deregister(DeadlineSlot slot) {
    SLOTS.remove(slot);
  }

  /** Called by an arming, after its state store: wakes the watchdog if it would look too late. */
  static void armed(long deadline) {
    if (deadline < nextWake) {
      wake();
    }
  }

  /**
   * Called by a relative arming (a timeout's length, stamped by the watchdog when it first sees it),
   * after its state store: wakes the watchdog unless it is polling and so will see it soon anyway.
   */
  static void armedRelative() {
    if (nextWake != Long.MIN_VALUE) {
      wake();
    }
  }

  /** Wakes the watchdog thread, starting it first when none runs. */
  private static void wake() {
    Thread t = thread;
    LockSupport.unpark(t != null ? t : start());
  }

  private static synchronized Thread start() {
    Thread t = thread;
    if (t == null) {
      t = Thread.ofPlatform()
          .name("gogoscope-watchdog")
          .daemon(true)
          .priority(Thread.MAX_PRIORITY)
          .unstarted(Watchdog::loop);
      t.setContextClassLoader(null); // holds no application's class loader beyond its own code's
      thread = t;
      t.start();
    }
    return t;
  }

  /**
   * Stops the watchdog thread and waits up to {@code waitNanos} for it to end; {@code true} when
   * no watchdog thread runs any more. A later arming starts a new one, so calls made after this
   * still time out.
   */
  static synchronized boolean shutdown(long waitNanos) throws InterruptedException {
    Thread t = thread;
    if (t == null) {
      return true;
    }
    thread = null; // the loop sees it is no longer the watchdog and ends
    LockSupport.unpark(t);
    t.join(Duration.ofNanos(Math.max(1, waitNanos)));
    boolean stopped = !t.isAlive();
    // From now on every arming wakes (so starts) a watchdog. An arming made while the old one was
    // ending may have skipped waking it: look once, after publishing the flag (Dekker, as above).
    nextWake = Long.MAX_VALUE;
    for (DeadlineSlot slot : SLOTS) {
      if (!slot.isIdle()) {
        start();
        break;
      }
    }
    return stopped;
  }

  /** Whether a watchdog thread runs (for tests). */
  static boolean isRunning() {
    Thread t = thread;
    return t != null && t.isAlive();
  }

  /** How many slots the watchdog scans (for tests). */
  static int registeredSlots() {
    return SLOTS.size();
  }

  /** Whether the watchdog scans this slot (for tests: counts move as other dead threads' slots go). */
  static boolean isRegistered(DeadlineSlot slot) {
    return SLOTS.contains(slot);
  }

  private static void loop() {
    Thread self = Thread.currentThread();
    while (thread == self) {
      try {
        nextWake = Long.MIN_VALUE;
        scan();
        if (!changed) {
          long planned = earliest;
          nextWake = planned;
          scan(); // the second look of the Dekker pattern
          if (!changed && earliest >= planned) {
            sleepUntil(planned);
            continue;
          }
          nextWake = Long.MIN_VALUE;
        }
        sleepUntil(Math.min(earliest, System.nanoTime() + RESOLUTION));
      } catch (RuntimeException e) {
        // Nothing in the loop is expected to throw; if something does, every timeout in the JVM
        // depends on this thread, so report it and keep going rather than die.
        Uncaught.report(e);
      }
    }
  }

  /** Fires every due slot; sets {@link #earliest} pending deadline and whether any slot {@link #changed}. */
  private static void scan() {
    long now = System.nanoTime();
    long soonest = DeadlineSlot.NO_DEADLINE;
    boolean anyChanged = false;
    for (DeadlineSlot slot : SLOTS) {
      anyChanged |= slot.changedSinceLastLook();
      long pending = slot.fireIfDue(now);
      if (pending < soonest) {
        soonest = pending;
      } else if (pending == DeadlineSlot.NO_DEADLINE && slot.isIdle() && !slot.owner.isAlive()) {
        SLOTS.remove(slot);
      }
    }
    earliest = soonest;
    changed = anyChanged;
  }

  private static void sleepUntil(long deadline) {
    if (deadline == DeadlineSlot.NO_DEADLINE) {
      LockSupport.park(Watchdog.class);
    } else {
      long wait = deadline - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(Watchdog.class, wait);
      }
    }
  }
}
