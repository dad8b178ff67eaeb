package io.gogoscope;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The one platform thread that fires the {@link DeadlineSlot}s of every thread in the JVM. It sleeps
 * until the earliest armed deadline and parks indefinitely when nothing is armed, so it costs
 * nothing while no guarded call has a timeout.
 *
 * <h2>Never missing an arming</h2>
 * {@link #nextWake} is when the watchdog will next look. An arming whose deadline is sooner wakes
 * it ({@link #armed}): the arming writes its slot's state (volatile), then reads {@code nextWake}.
 * The watchdog writes {@code nextWake}, then scans every slot again before it parks. Whatever the
 * interleaving, either the rescan sees the arming or the arming sees the new {@code nextWake} and
 * wakes the watchdog (Dekker's pattern; volatile accesses are sequentially consistent). While it is
 * awake, {@code nextWake} is {@link Long#MIN_VALUE} so armings do not bother to wake it.
 *
 * <h2>Reclaiming slots</h2>
 * Task threads the runtime starts deregister their slot as they end. Slots of other threads are
 * reclaimed by the scan once their owner has terminated, so many short-lived threads do not leak.
 */
final class Watchdog {
  private static final Set<DeadlineSlot> SLOTS = ConcurrentHashMap.newKeySet();

  /** When the watchdog will next scan; {@link Long#MIN_VALUE} while it is scanning. */
  private static volatile long nextWake = Long.MIN_VALUE;

  private static final Thread THREAD = Thread.ofPlatform()
      .name("gogoscope-watchdog")
      .daemon(true)
      .priority(Thread.MAX_PRIORITY)
      .start(Watchdog::loop);

  private Watchdog() {}

  /** Adds a thread's slot to the scan (once per thread; the thread is about to arm it). */
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

  /** How many slots the watchdog scans (for tests). */
  static int registeredSlots() {
    return SLOTS.size();
  }

  private static void loop() {
    for (;;) {
      try {
        nextWake = Long.MIN_VALUE;
        long first = scan();
        nextWake = first;
        long wake = Math.min(first, scan());
        if (wake != first) {
          nextWake = wake;
        }
        if (wake == DeadlineSlot.NO_DEADLINE) {
          LockSupport.park(Watchdog.class);
        } else {
          long wait = wake - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(Watchdog.class, wait);
          }
        }
      } catch (RuntimeException e) {
        // Nothing in the loop is expected to throw; if something does, every timeout in the JVM
        // depends on this thread, so report it and keep going rather than die.
        Thread current = Thread.currentThread();
        current.getUncaughtExceptionHandler().uncaughtException(current, e);
      }
    }
  }

  /** Fires every due slot; returns the earliest deadline still armed. */
  private static long scan() {
    long now = System.nanoTime();
    long earliest = DeadlineSlot.NO_DEADLINE;
    for (DeadlineSlot slot : SLOTS) {
      long pending = slot.fireIfDue(now);
      if (pending < earliest) {
        earliest = pending;
      } else if (pending == DeadlineSlot.NO_DEADLINE && slot.isIdle() && !slot.owner.isAlive()) {
        SLOTS.remove(slot);
      }
    }
    return earliest;
  }
}
