package io.gogoscope.persistence.redis;

import io.gogoscope.store.StoreException;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Takes back a write whose caller stopped waiting for its reply (the operation timeout passed, the
 * thread was interrupted, the connection failed): an acquire that may have taken a lock, a rate
 * check that may have used up an admission. Nobody will ever use what such a write took, so it
 * must not stay taken.
 *
 * <p>Simply undoing the write can lose the race against it: Redisson resends a command whose reply
 * timed out (after the caller gave up), a script the server did not know is sent again as
 * {@code EVAL}, and two commands on different connections of a stalled server run in no particular
 * order. So the undo is by token and idempotent against a late copy of the write: each undo script
 * deletes what the write's token took, if anything, and leaves a marker for that token (living as
 * long as what the write would take: the lease's TTL, the window) that makes every later copy of
 * the write take nothing. The undo is sent at once, so nothing stays taken while Redisson's
 * attempts run out, and once more when Redisson settles the reply if that reply says the write
 * took effect or failed (a copy that ran after the marker expired, or an outcome still unknown).
 */
final class Abandonment {
  private static final System.Logger LOG = System.getLogger(Abandonment.class.getName());

  private Abandonment() {}

  /**
   * Undoes the write whose {@code reply} the caller stopped waiting for.
   *
   * @param what the write, for the log
   * @param reply the write's reply, pending or settled
   * @param tookEffect whether a reply says the write took something
   * @param undo sends the write's undo script (idempotent, by the write's token)
   * @return the first undo's reply, for a caller that waits for it (see {@link #awaitWhereAnswered})
   */
  static <R> CompletionStage<?> abandon(
      String what, CompletionStage<R> reply, Predicate<? super R> tookEffect, Supplier<CompletionStage<?>> undo) {
    CompletionStage<?> undone = send(what, undo);
    reply.whenComplete(
        (settled, failure) -> {
          if (failure != null || tookEffect.test(settled)) {
            send(what, undo);
          }
        });
    return undone;
  }

  /**
   * Where Redis answered the abandoned write and this client refused the answer (too few replicas
   * confirmed it: a {@link StoreException} raised into the reply), Redis is reachable: waits up to
   * the operation timeout for the undo, so what the write took is taken back before its caller
   * hears of the failure and perhaps tries again. Where no answer came (a timeout, a lost
   * connection, Redisson's own timeout), the undo stays in the background: waiting would only
   * double the caller's wait on a Redis that does not answer.
   */
  static void awaitWhereAnswered(RedisCalls redis, CompletionStage<?> reply, CompletionStage<?> undone) {
    CompletableFuture<?> settled = reply.toCompletableFuture();
    if (settled.state() == Future.State.FAILED && refusedHere(settled.exceptionNow())) {
      try {
        redis.awaitUninterruptibly("taking back an abandoned write", undone);
      } catch (StoreException e) {
        // logged by send; what the write took expires on its own
      }
    }
  }

  private static boolean refusedHere(Throwable failure) {
    Throwable cause = failure instanceof CompletionException wrapped && wrapped.getCause() != null
        ? wrapped.getCause()
        : failure;
    return cause instanceof StoreException;
  }

  private static CompletionStage<?> send(String what, Supplier<CompletionStage<?>> undo) {
    CompletionStage<?> undone = undo.get();
    undone
        .whenComplete(
            (ignored, failure) -> {
              if (failure != null) {
                // Redis is out of reach: what the write took, if anything, lasts until it expires.
                LOG.log(Level.DEBUG, "could not take back " + what + "; it expires on its own", failure);
              }
            });
    return undone;
  }
}
