package io.gogoscope.persistence.redis;

import io.gogoscope.CircuitState;
import io.gogoscope.store.spi.CircuitListeners;
import io.gogoscope.store.CircuitSnapshot;
import io.gogoscope.store.CircuitStateStore;
import io.gogoscope.store.spi.StoreArguments;
import io.gogoscope.store.StoreException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.redisson.api.RScript.ReturnType;
import org.redisson.api.RTopic;
import org.redisson.client.codec.StringCodec;

/**
 * Circuit state in a Redis hash per circuit; accepted changes are pushed over pub/sub. See
 * {@link RedisStores} for the keys and channels it uses.
 */
final class RedisCircuitStateStore implements CircuitStateStore {
  private static final System.Logger LOG = System.getLogger(RedisCircuitStateStore.class.getName());
  private static final LuaScript PUBLISH = LuaScript.load("circuit-publish");
  private static final LuaScript READ = LuaScript.load("circuit-read");

  private final RedisCalls redis;
  private final RedisKeys keys;

  RedisCircuitStateStore(RedisCalls redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public Optional<CircuitSnapshot> read(String name) {
    StoreArguments.key(name, "circuit name");
    List<String> fields =
        redis.call("reading circuit '" + name + "'", READ, ReturnType.MULTI, List.of(keys.circuit(name)));
    if (fields.get(0) == null) {
      return Optional.empty();
    }
    return Optional.of(snapshot(name, fields.get(0), fields.get(1), fields.get(2)));
  }

  @Override
  public boolean publish(String name, CircuitSnapshot snapshot) {
    StoreArguments.key(name, "circuit name");
    Objects.requireNonNull(snapshot, "snapshot must not be null");
    Long stored =
        redis.call(
            "publishing circuit '" + name + "'",
            PUBLISH,
            ReturnType.INTEGER,
            List.of(keys.circuit(name)),
            snapshot.state().name(),
            Long.toString(snapshot.since().toEpochMilli()),
            Long.toString(snapshot.version()),
            keys.circuitChanges(name));
    return stored == 1;
  }

  @Override
  public AutoCloseable subscribe(String name, Consumer<CircuitSnapshot> listener) {
    StoreArguments.key(name, "circuit name");
    Objects.requireNonNull(listener, "listener must not be null");
    RTopic topic = redis.redisson().getTopic(keys.circuitChanges(name), StringCodec.INSTANCE);
    int id =
        redis.await(
            "subscribing to circuit '" + name + "'",
            topic.addListenerAsync(String.class, (channel, message) -> deliver(name, message, listener)));
    AtomicBoolean closed = new AtomicBoolean();
    return () -> {
      if (closed.compareAndSet(false, true)) {
        redis.await("unsubscribing from circuit '" + name + "'", topic.removeListenerAsync(id));
      }
    };
  }

  private static void deliver(String name, String message, Consumer<CircuitSnapshot> listener) {
    String[] parts = message.split(" ");
    CircuitSnapshot snapshot;
    try {
      if (parts.length != 3) {
        throw new IllegalArgumentException("expected \"STATE SINCE_MS VERSION\"");
      }
      snapshot = snapshot(name, parts[0], parts[1], parts[2]);
    } catch (RuntimeException e) {
      // Someone else published on our channel; nothing to deliver, but worth knowing.
      LOG.log(Level.WARNING, "ignoring a malformed change of circuit '" + name + "': " + message, e);
      return;
    }
    CircuitListeners.notifyOne(name, listener, snapshot);
  }

  private static CircuitSnapshot snapshot(String name, String state, String since, String version) {
    try {
      return new CircuitSnapshot(
          CircuitState.valueOf(state), Instant.ofEpochMilli(Long.parseLong(since)), Long.parseLong(version));
    } catch (RuntimeException e) {
      throw new StoreException(
          "circuit '" + name + "' holds a state this version cannot read (" + state + ", " + since + ", " + version + ")", e);
    }
  }
}
