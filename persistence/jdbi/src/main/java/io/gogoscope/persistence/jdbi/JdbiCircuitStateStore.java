package io.gogoscope.persistence.jdbi;

import io.gogoscope.CircuitState;
import io.gogoscope.store.spi.CircuitListeners;
import io.gogoscope.store.CircuitSnapshot;
import io.gogoscope.store.CircuitStateStore;
import io.gogoscope.store.StoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Circuit state in the {@code circuits} table, one row per circuit with a version that only grows.
 *
 * <p>{@link #publish} is one upsert that writes only a newer version. Subscribers learn of changes by
 * polling: while anything is subscribed, one daemon thread reads the subscribed circuits in one
 * query per poll interval and calls the listeners of each circuit whose version grew. Publishes from
 * this store reach its own subscribers at once. A circuit that changes more than once within an
 * interval is seen at its latest state (the versions in between are skipped, never reordered).
 */
final class JdbiCircuitStateStore implements CircuitStateStore, AutoCloseable {

  private static final System.Logger LOG = System.getLogger(JdbiCircuitStateStore.class.getName());

  private final StoreContext db;
  private final Duration pollInterval;
  private final Map<String, Watch> watches = new ConcurrentHashMap<>();
  private final ReentrantLock pollerLock = new ReentrantLock();
  private ScheduledExecutorService poller; // guarded by pollerLock
  private volatile boolean pollFailing;

  JdbiCircuitStateStore(StoreContext db, Duration pollInterval) {
    this.db = db;
    this.pollInterval = pollInterval;
  }

  @Override
  public Optional<CircuitSnapshot> read(String name) {
    StoreContext.checkKey("circuit name", name);
    return db.runner().run("read circuit", name, connection -> db.queryOne(
        connection, db.sql().readCircuit(), Map.of("name", name), JdbiCircuitStateStore::snapshot));
  }

  @Override
  public boolean publish(String name, CircuitSnapshot snapshot) {
    StoreContext.checkKey("circuit name", name);
    Objects.requireNonNull(snapshot, "circuit snapshot must not be null");
    Objects.requireNonNull(snapshot.state(), "circuit snapshot state must not be null");
    Objects.requireNonNull(snapshot.since(), "circuit snapshot since must not be null");
    String writer = UUID.randomUUID().toString();
    boolean stored = db.runner().run("publish circuit", name, connection -> db.upsertReturning(
            connection,
            db.sql().publish(),
            db.sql().selectWriter(),
            Map.of(
                "name", name,
                "state", snapshot.state().name(),
                "since_s", snapshot.since().getEpochSecond(),
                "since_n", snapshot.since().getNano(),
                "version", snapshot.version(),
                "writer", writer),
            rs -> writer.equals(rs.getString("writer")))
        .orElse(false));
    if (stored) {
      Watch watch = watches.get(name);
      if (watch != null) {
        watch.offer(snapshot);
      }
    }
    return stored;
  }

  @Override
  public AutoCloseable subscribe(String name, Consumer<CircuitSnapshot> listener) {
    StoreContext.checkKey("circuit name", name);
    Objects.requireNonNull(listener, "circuit listener must not be null");
    // Changes are those after the state stored now; read it before listening so none is missed.
    long current = read(name).map(CircuitSnapshot::version).orElse(Long.MIN_VALUE);
    Watch watch = watches.computeIfAbsent(name, n -> new Watch(n));
    watch.seen(current);
    watch.listeners.add(listener);
    startPolling();
    return () -> {
      watch.listeners.remove(listener);
      watches.computeIfPresent(name, (n, w) -> w.listeners.isEmpty() ? null : w);
      stopPollingIfIdle();
    };
  }

  @Override
  public void close() {
    pollerLock.lock();
    try {
      watches.clear();
      if (poller != null) {
        poller.shutdownNow();
        poller = null;
      }
    } finally {
      pollerLock.unlock();
    }
  }

  /** Reads every subscribed circuit once and notifies the listeners of those that changed. */
  void poll() {
    List<String> names = new ArrayList<>(watches.keySet());
    if (names.isEmpty()) {
      return;
    }
    List<Map.Entry<String, CircuitSnapshot>> rows;
    try {
      Map<String, String> args = new HashMap<>();
      for (int i = 0; i < names.size(); i++) {
        args.put("n" + i, names.get(i));
      }
      rows = db.runner().run("poll circuits", String.join(",", names), connection -> db.queryAll(
          connection, db.sql().readCircuits(names.size()), args, rs -> Map.entry(rs.getString("name"), snapshot(rs))));
    } catch (StoreException e) {
      if (!pollFailing) {
        pollFailing = true;
        // Reported once per outage (not every interval); the poller keeps trying.
        LOG.log(System.Logger.Level.WARNING, "polling shared circuit state failed; retrying every " + pollInterval, e);
      }
      return;
    }
    if (pollFailing) {
      pollFailing = false;
      LOG.log(System.Logger.Level.INFO, "polling shared circuit state works again");
    }
    for (Map.Entry<String, CircuitSnapshot> row : rows) {
      Watch watch = watches.get(row.getKey());
      if (watch != null) {
        watch.offer(row.getValue());
      }
    }
  }

  private void startPolling() {
    pollerLock.lock();
    try {
      if (poller == null) {
        poller = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("gogoscope-circuit-poll").factory());
        long nanos = pollInterval.toNanos();
        poller.scheduleWithFixedDelay(this::pollQuietly, nanos, nanos, TimeUnit.NANOSECONDS);
      }
    } finally {
      pollerLock.unlock();
    }
  }

  private void pollQuietly() {
    try {
      poll();
    } catch (RuntimeException e) {
      // An exception would cancel the periodic task and silently end all notifications.
      LOG.log(System.Logger.Level.ERROR, "polling shared circuit state failed unexpectedly; polling goes on", e);
    }
  }

  private void stopPollingIfIdle() {
    pollerLock.lock();
    try {
      if (watches.isEmpty() && poller != null) {
        poller.shutdownNow();
        poller = null;
      }
    } finally {
      pollerLock.unlock();
    }
  }

  private static CircuitSnapshot snapshot(ResultSet rs) throws SQLException {
    return new CircuitSnapshot(
        CircuitState.valueOf(rs.getString("state")),
        Instant.ofEpochSecond(rs.getLong("since_seconds"), rs.getInt("since_nanos")),
        rs.getLong("version"));
  }

  /** The listeners of one circuit and the newest version they were told of. */
  private static final class Watch {
    final List<Consumer<CircuitSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private long seen = Long.MIN_VALUE; // guarded by lock

    Watch(String name) {
      this.name = name;
    }

    void seen(long version) {
      lock.lock();
      try {
        seen = Math.max(seen, version);
      } finally {
        lock.unlock();
      }
    }

    /** Tells the listeners of {@code snapshot} if it is newer than all they were told of, in version order. */
    void offer(CircuitSnapshot snapshot) {
      lock.lock();
      try {
        if (snapshot.version() <= seen) {
          return;
        }
        seen = snapshot.version();
        CircuitListeners.notifyAll(name, listeners, snapshot);
      } finally {
        lock.unlock();
      }
    }
  }
}
