package io.gogoscope;

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
 * <h2>Reclaiming slots</h2>
 * Task threads the runtime starts deregister their slot as they end. Slots of other threads are
 * reclaimed by a scan once their owner has terminated, so many short-lived threads do not leak.
 */
final class Watchdog {
  /** The longest a changing slot waits to be looked at while the watchdog polls. */
  static final long RESOLUTION = TimeUnit.MILLISECONDS.toNanos(5);

  private static final Set<DeadlineSlot> SLOTS = ConcurrentHashMap.newKeySet();

  /** When the watchdog will next look on its own; {@link Long#MIN_VALUE} while awake or polling. */
  private static volatile long nextWake = Long.MIN_VALUE;

  // Results of the last scan; the watchdog thread's only.
  private static long earliest;
  private static boolean changed;

  private static final Thread THREAD = Thread.ofPlatform()
      .name("gogoscope-watchdog")
      .daemon(true)
      .priority(Thread.MAX_PRIORITY)
      .start(Watchdog::loop);

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
      LockSupport.unpark(THREAD);
    }
  }

  /**
   * Called by a relative arming (a timeout's length, stamped by the watchdog when it first sees it),
   * after its state store: wakes the watchdog unless it is polling and so will see it soon anyway.
   */
  static void armedRelative() {
    if (nextWake != Long.MIN_VALUE) {
      LockSupport.unpark(THREAD);
    }
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
    for (;;) {
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
