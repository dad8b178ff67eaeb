package io.gogoscope.persistence.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RScript.Mode;
import org.redisson.api.RScript.ReturnType;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisNoScriptException;
import org.redisson.client.codec.StringCodec;

/**
 * A Lua script from this package's resources, run by its SHA-1 ({@code EVALSHA}) so only the digest
 * travels per call. When the server does not know it yet (first use, a restarted server, a new
 * cluster node) the call falls back to {@code EVAL} with the source, which also caches it there.
 */
final class LuaScript {
  private final String name;
  private final String source;
  private final String sha1;

  private LuaScript(String name, String source) {
    this.name = name;
    this.source = source;
    this.sha1 = sha1(source);
  }

  /** Loads {@code name}.lua from beside this class. */
  static LuaScript load(String name) {
    String resource = name + ".lua";
    try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing script resource " + resource + " beside " + LuaScript.class.getName());
      }
      return new LuaScript(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read script resource " + resource, e);
    }
  }

  String name() {
    return name;
  }

  /**
   * Runs the script on the node owning {@code keys.get(0)} (all keys share a hash tag), always on
   * the master: these scripts write, or read what must not be stale.
   */
  <R> CompletionStage<R> run(RScript redis, ReturnType returns, List<Object> keys, Object... args) {
    String routingKey = (String) keys.get(0);
    CompletionStage<R> bySha = redis.evalShaAsync(routingKey, Mode.READ_WRITE, sha1, returns, keys, args);
    return bySha.exceptionallyCompose(
        failure ->
            unwrap(failure) instanceof RedisNoScriptException
                ? redis.<R>evalAsync(routingKey, Mode.READ_WRITE, source, returns, keys, args)
                : CompletableFuture.failedStage(failure));
  }

  /**
   * Runs the script like {@link #run}, followed on the same connection by {@code WAIT} for
   * {@code replicas} replicas (one pipeline, one round trip plus the replication): the reply says
   * how many replicas confirmed that they hold everything the script wrote.
   */
  <R> CompletionStage<Replicated<R>> runThenWait(
      RedissonClient redisson, BatchOptions waitForReplicas, ReturnType returns, List<Object> keys, Object... args) {
    String routingKey = (String) keys.get(0);
    RBatch bySha = redisson.createBatch(waitForReplicas);
    bySha.getScript(StringCodec.INSTANCE).evalShaAsync(routingKey, Mode.READ_WRITE, sha1, returns, keys, args);
    return bySha.executeAsync()
        .exceptionallyCompose(
            failure -> {
              if (!(unwrap(failure) instanceof RedisNoScriptException)) {
                return CompletableFuture.failedStage(failure);
              }
              RBatch bySource = redisson.createBatch(waitForReplicas);
              bySource.getScript(StringCodec.INSTANCE).evalAsync(routingKey, Mode.READ_WRITE, source, returns, keys, args);
              return bySource.executeAsync();
            })
        .thenApply(batch -> new Replicated<>(LuaScript.<R>first(batch.getResponses()), batch.getSyncedSlaves()));
  }

  @SuppressWarnings("unchecked") // the reply's type is the one the caller asked for with ReturnType
  private static <R> R first(List<?> responses) {
    return (R) responses.get(0);
  }

  /** A script's reply and how many replicas confirmed its writes. */
  record Replicated<R>(R reply, int replicas) {}

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-1", e);
    }
  }
}
