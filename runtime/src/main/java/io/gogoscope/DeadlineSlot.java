package io.gogoscope;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * One thread's deadline, armed and disarmed by the thread itself around a guarded call and fired
 * by the {@link Watchdog}: the reason a single guarded call needs no second thread and no scheduled
 * task. Arming costs one release store and one volatile store; disarming one compare-and-set.
 *
 * <h2>Protocol</h2>
 * {@code state} packs a generation (incremented by every arming), a RELATIVE flag and a phase:
 * <pre>
 *   owner:    IDLE --arm--> ARMED --disarm (CAS)--> IDLE
 *   watchdog:               ARMED --CAS--> FIRING --interrupt owner--> FIRED
 * </pre>
 * The deadline is written before the state that arms it, and the watchdog reads state, deadline,
 * state again and fires only if the state is unchanged, so it never fires an arming with another
 * arming's deadline. A disarm whose CAS fails waits until FIRED, so the interrupt has landed before
 * the owner clears it: an expiry racing with the body's completion leaves no stray interrupt.
 *
 * <h2>Relative armings: no clock on the hot path</h2>
 * Reading the clock costs as much as the rest of an arming together (about 30 ns here). A call
 * whose only deadline is its own timeout ({@link #enterTimeout}, not nested, no scope deadline)
 * therefore arms the timeout's length, not an instant: the watchdog stamps the arming with its own
 * clock the first time it sees it and fires it one timeout after that stamp. The stamp is never
 * before the arming, so such a deadline never fires early; it fires at most one watchdog
 * {@linkplain Watchdog#RESOLUTION resolution} late, which the watchdog's polling adds anyway.
 *
 * <h2>Levels</h2>
 * Guarded calls nest on one thread (an overall timeout around attempt timeouts, a generated call
 * inside another's body). Each {@link #enter} pushes a level whose effective deadline is the sooner
 * of its own and the enclosing level's; only the innermost level is armed. {@link #exit} pops it
 * and re-arms the enclosing level, or, when that one's deadline has passed meanwhile, marks it
 * fired and interrupts the thread so the enclosing body sees its expiry too. A relative arming
 * that gets a level pushed above it is turned into an instant first (from the watchdog's stamp).
 *
 * <h2>Driven clocks</h2>
 * Under a runtime whose {@link TimeSource} {@linkplain TimeSource#drivesTimeouts drives timeouts} (a
 * test's virtual clock), levels are readings of that clock, armings are marked DRIVEN, the watchdog
 * leaves them alone, and the clock fires them ({@link #fireDriven}) through the action each arming
 * schedules on it. A thread's levels all read the clock of its outermost level: a level of another
 * clock pushed above it is converted by its time left ({@link DeadlineClock#convert}).
 *
 * <p>Each level carries a {@code source}: the object whose deadline it is (a {@link Scope} or a
 * {@link Guard}'s {@link CallDeadline}), returned by {@link #exit} when it fired, so the caller can
 * tell its own timeout from its scope's or an enclosing call's.
 */
final class DeadlineSlot {
  /** A deadline that never comes (comparisons are plain {@code <}; nanoTime stays far below it). */
  static final long NO_DEADLINE = Long.MAX_VALUE;

  private static final long PHASE = 3;
  private static final long IDLE = 0;
  private static final long ARMED = 1;
  private static final long FIRING = 2;
  private static final long FIRED = 3;
  private static final long RELATIVE = 4;
  /** Armed on a driven clock, which fires it; the watchdog skips it. */
  private static final long DRIVEN = 8;
  private static final int GENERATION_SHIFT = 4;

  private static final VarHandle STATE;
  private static final VarHandle DEADLINE;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      STATE = lookup.findVarHandle(DeadlineSlot.class, "state", long.class);
      DEADLINE = lookup.findVarHandle(DeadlineSlot.class, "deadline", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The thread this slot belongs to; the watchdog interrupts it. */
  final Thread owner;

  private volatile long state;

  /**
   * The armed instant, or the armed timeout's length for a RELATIVE arming. Written with release
   * before the state that arms it; read with acquire by the watchdog.
   */
  @SuppressWarnings("unused")
  private long deadline;

  // The watchdog's only (stampedState is volatile so the owner may read armedAt behind it).
  private long lastLook;
  private long armedAt;
  private volatile long stampedState;

  // The owner's only. Invariant: levels at or above depth are not fired (a pop clears its flag),
  // so a relative arming, always at level 0, writes no level but its source.
  private long generation;
  private long armedState;
  private int depth;
  /** The clock the levels read ({@code null}: the real one); {@code null} whenever depth is 0. */
  private TimeSource clock;
  private long[] levelDeadline = new long[4];
  private Object[] levelSource = new Object[4];
  private boolean[] levelFired = new boolean[4];

  DeadlineSlot(Thread owner) {
    this.owner = owner;
  }

  /**
   * Pushes a level whose deadline is {@code timeoutNanos} from now, owned by {@code source}: on an
   * empty slot without reading the clock (a relative arming), else as {@link #enter}. Only the
   * owner calls this.
   */
  void enterTimeout(long timeoutNanos, Object source) {
    if (depth != 0) {
      enter(System.nanoTime() + timeoutNanos, source);
      return;
    }
    // Only the source: the level's deadline is stamped if a level is pushed above it (enter), and
    // the conditional store skips the GC barrier when a guard calls again on this thread.
    if (levelSource[0] != source) {
      levelSource[0] = source;
    }
    depth = 1;
    DEADLINE.setRelease(this, timeoutNanos);
    state = armedState = (++generation << GENERATION_SHIFT) | RELATIVE | ARMED;
    Watchdog.armedRelative();
  }

  /**
   * Pushes a level with deadline {@code requested} (absolute, {@link System#nanoTime()} based),
   * owned by {@code source}. Only the owner calls this.
   */
  void enter(long requested, Object source) {
    enter(requested, null, source);
  }

  /**
   * Pushes a level with deadline {@code requested}, a reading of {@code on} ({@code null}: the real
   * clock), owned by {@code source}. Only the owner calls this.
   */
  void enter(long requested, TimeSource on, Object source) {
    int level = depth;
    if (level == levelDeadline.length) {
      grow();
    }
    if (level == 0) {
      if (clock != on) {
        clock = on;
      }
    } else if (on != clock) {
      requested = DeadlineClock.convert(requested, on, clock);
    }
    long effective = requested;
    Object effectiveSource = source;
    boolean fired = false;
    if (level > 0) {
      int top = level - 1;
      if (!levelFired[top]) {
        if (!disarm()) {
          levelFired[top] = true; // expired just now; its interrupt is pending for the body below
        } else if ((armedState & RELATIVE) != 0) {
          levelDeadline[top] = stampedInstant((long) DEADLINE.get(this)); // a relative arming's length
        }
      }
      if (levelFired[top] || levelDeadline[top] <= requested) {
        effective = levelDeadline[top];
        effectiveSource = levelSource[top];
        fired = levelFired[top];
      }
    }
    levelDeadline[level] = effective;
    levelSource[level] = effectiveSource;
    levelFired[level] = fired;
    depth = level + 1;
    if (!fired) {
      arm(effective);
    }
  }

  /**
   * Pops the innermost level. Returns {@code null} when its deadline did not fire, else the source
   * of the deadline that fired (its own, or an enclosing level's it inherited). The interrupt of an
   * expiry is consumed here; when the enclosing level has expired too, the thread is interrupted
   * again for that level's body to see. Only the owner calls this.
   */
  Object exit() {
    int level = depth - 1;
    long armed = armedState;
    // The common case inline, the rest out of line, so a guarded call's success path stays small
    // enough for C2 to inline whole (see Guard). A relative arming at depth 1 is an untouched
    // enterTimeout (a level pushed above it re-arms it as an instant), so its level has not fired,
    // and its source, left in place, is a guard's long-lived CallDeadline.
    if (level == 0 && (armed & RELATIVE) != 0 && STATE.compareAndSet(this, armed, armed - ARMED + IDLE)) {
      depth = 0;
      return null;
    }
    return exitLevel(level);
  }

  /** {@link #exit} for nested levels, fired levels and a disarm the watchdog raced. */
  private Object exitLevel(int level) {
    depth = level;
    Object fired = null;
    if (levelFired[level] || !disarm()) {
      fired = levelSource[level];
      Thread.interrupted(); // the expiry's interrupt, delivered for this level: consumed here
    }
    levelSource[level] = null;
    levelFired[level] = false;
    if (level > 0) {
      int top = level - 1;
      if (!levelFired[top] && levelDeadline[top] - DeadlineClock.now(clock) > 0) {
        arm(levelDeadline[top]);
      } else {
        levelFired[top] = true;
        Thread.currentThread().interrupt(); // the enclosing body must see its own expiry
      }
    } else if (clock != null) {
      clock = null;
    }
    return fired;
  }

  /**
   * The source of the innermost level if its deadline has fired (an interruption the owner sees
   * was most likely that expiry), else {@code null}. Only the owner calls this.
   */
  Object firedSource() {
    int top = depth - 1;
    if (top < 0) {
      return null;
    }
    long phase = state & PHASE;
    return levelFired[top] || phase == FIRING || phase == FIRED ? levelSource[top] : null;
  }

  /**
   * The source of the innermost level if its deadline has fired or has passed without firing yet
   * (the watchdog looks at most a resolution late), else {@code null}: what a guarded call checks
   * between attempts, so attempts that fail at once stop at the deadline instead of running on.
   * Only the owner calls this.
   */
  Object passedSource() {
    Object fired = firedSource();
    if (fired != null) {
      return fired;
    }
    int top = depth - 1;
    if (top < 0 || (armedState & RELATIVE) != 0) {
      return null; // a relative arming is an attempt timeout, never the level around attempts
    }
    return levelDeadline[top] - DeadlineClock.now(clock) <= 0 ? levelSource[top] : null;
  }

  /**
   * The innermost level's deadline ({@link #NO_DEADLINE} when nothing is pushed) as a reading of
   * {@code on} ({@code null}: the real clock), for a scope opened inside a guarded call to inherit.
   * A relative arming counts from now: never sooner than its real deadline, and at most the
   * watchdog's resolution later. Only the owner calls this.
   */
  long currentDeadline(TimeSource on) {
    int top = depth - 1;
    if (top < 0) {
      return NO_DEADLINE;
    }
    if (top == 0 && (armedState & RELATIVE) != 0 && !levelFired[0]) {
      return DeadlineClock.convert(stampedInstant((long) DEADLINE.get(this)), null, on);
    }
    return DeadlineClock.convert(levelDeadline[top], clock, on);
  }

  /** The source of the innermost level, or {@code null}. Only the owner calls this. */
  Object currentSource() {
    return depth == 0 ? null : levelSource[depth - 1];
  }

  /** How many levels are pushed (for tests). */
  int depth() {
    return depth;
  }

  private void arm(long at) {
    DEADLINE.setRelease(this, at);
    TimeSource on = clock;
    if (on == null) {
      state = armedState = (++generation << GENERATION_SHIFT) | ARMED; // volatile: before the watchdog check
      Watchdog.armed(at);
    } else {
      state = armedState = (++generation << GENERATION_SHIFT) | DRIVEN | ARMED;
      // One action per arming, left in place when it is disarmed: firing looks at the slot as it is
      // then, so an action whose arming is gone does nothing.
      on.schedule(at, () -> fireDriven(on.nanoTime()));
    }
  }

  /** Disarms the current arming; {@code false} when the watchdog fired it (after it has landed). */
  private boolean disarm() {
    long armed = armedState;
    if (STATE.compareAndSet(this, armed, armed - ARMED + IDLE)) {
      return true;
    }
    // The watchdog took this arming: wait for its interrupt to land before anyone clears it.
    for (int spins = 0; (state & PHASE) != FIRED; spins++) {
      if (spins < 100) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
    return false;
  }

  /**
   * The instant a just-disarmed relative arming of {@code timeoutNanos} would have expired: from
   * the watchdog's stamp if it has stamped it, else from now (it was armed after the watchdog's last
   * look, so at most a resolution ago, and counting from now never makes it expire early).
   */
  private long stampedInstant(long timeoutNanos) {
    return stampedState == armedState ? armedAt + timeoutNanos : System.nanoTime() + timeoutNanos;
  }

  /**
   * Called by the watchdog: whether the owner armed or disarmed anything since the watchdog's last
   * look at this slot.
   */
  boolean changedSinceLastLook() {
    long s = state;
    if (s == lastLook) {
      return false;
    }
    lastLook = s;
    return true;
  }

  /**
   * Called by the watchdog: fires this slot when its armed deadline is at or before {@code now}.
   * Returns the armed deadline still pending, or {@link #NO_DEADLINE}. An arming that changes
   * under the read is skipped: it was made after the watchdog's last wake-up time was published,
   * so {@link Watchdog#armed} wakes the watchdog for it if it needs to.
   */
  long fireIfDue(long now) {
    long s = state;
    if ((s & (PHASE | DRIVEN)) != ARMED) {
      return NO_DEADLINE; // not armed, or armed on a driven clock, which fires it
    }
    long at = (long) DEADLINE.getAcquire(this);
    if (state != s) {
      return NO_DEADLINE;
    }
    if ((s & RELATIVE) != 0) {
      if (stampedState != s) {
        armedAt = now; // first sight of this arming: it was made at or before now
        stampedState = s;
      }
      at += armedAt;
    }
    if (at - now > 0) {
      return at;
    }
    fire(s);
    return NO_DEADLINE;
  }

  /**
   * Called by a driven clock whose reading is {@code now}: fires this slot when it is armed on a
   * driven clock with a deadline at or before {@code now}.
   */
  void fireDriven(long now) {
    long s = state;
    if ((s & (PHASE | DRIVEN)) != (DRIVEN | ARMED)) {
      return;
    }
    long at = (long) DEADLINE.getAcquire(this);
    if (state == s && at - now <= 0) {
      fire(s);
    }
  }

  /** Fires arming {@code s}: interrupts the owner, unless the owner disarmed it meanwhile. */
  private void fire(long s) {
    if (STATE.compareAndSet(this, s, (s & ~PHASE) | FIRING)) {
      try {
        owner.interrupt();
      } finally {
        state = (s & ~PHASE) | FIRED;
      }
    }
  }

  /** {@code true} while nothing is armed (the watchdog may then reclaim a dead owner's slot). */
  boolean isIdle() {
    return (state & PHASE) != ARMED;
  }

  private void grow() {
    int size = levelDeadline.length * 2;
    levelDeadline = Arrays.copyOf(levelDeadline, size);
    levelSource = Arrays.copyOf(levelSource, size);
    levelFired = Arrays.copyOf(levelFired, size);
  }
}
