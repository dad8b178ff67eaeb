package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gogoscope.observe.ScopeInfo;
import io.gogoscope.observe.ScopeObservation;
import io.gogoscope.observe.ScopeObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every reason the API hands out is a {@link CancelReason}, and a user's detail arrives wrapped once. */
class CancelReasonTest {

  /**
   * The switch has no {@code default}: it compiles only because {@link CancelReason} is sealed and
   * every reason, a hand-written cancel's included, is one of its variants. Adding a variant without
   * a case here is a compile error.
   */
  static String describe(CancelReason reason) {
    return switch (reason) {
      case CancelReason.Requested(Object detail) -> "requested: " + detail;
      case CancelReason.ScopeTimedOut(String scope, Duration timeout) -> scope + " timed out after " + timeout;
      case CancelReason.ScopeClosed(String scope) -> scope + " closed";
      case CancelReason.ParentCancelled(String parent, CancelReason parentReason) ->
          "parent " + parent + " cancelled (" + describe(parentReason) + ")";
      case CancelReason.LostRace(String winner) -> "lost to " + winner;
      case CancelReason.CallTimedOut(String call, Duration timeout) -> call + " timed out after " + timeout;
      case CancelReason.Interrupted(String thread) -> thread + " interrupted";
    };
  }

  @Test
  void aUsersDetailReachesTheReasonAsRequested() {
    try (Scope scope = Scope.open("s")) {
      scope.cancel("shutting down");
      assertThat(scope.cancellationReason()).contains(new CancelReason.Requested("shutting down"));
      assertThat(describe(scope.cancellationReason().orElseThrow())).isEqualTo("requested: shutting down");
    }
  }

  @Test
  void cancelWithoutDetailOrWithNullIsRequestedWithNoDetail() {
    try (Scope none = Scope.open("none")) {
      none.cancel();
      assertThat(none.cancellationReason()).contains(new CancelReason.Requested(null));
    }
    try (Scope withNull = Scope.open("null")) {
      withNull.cancel(null);
      assertThat(withNull.cancellationReason()).contains(new CancelReason.Requested(null));
    }
  }

  @Test
  void aCancelReasonPassedByHandIsTheReasonItselfNotWrapped() {
    CancelReason.LostRace reason = new CancelReason.LostRace("other");
    try (Scope scope = Scope.open("s")) {
      scope.cancel(reason);
      assertThat(scope.cancellationReason().orElseThrow()).isSameAs(reason);
    }
    assertThat(CancelReason.of(reason)).isSameAs(reason);
    assertThat(CancelReason.of(42)).isEqualTo(new CancelReason.Requested(42));
  }

  @Test
  void aCancelledTaskEndsWithTheRequestedReason() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    try (Scope scope = Scope.open("s")) {
      Task<Failure, String> task = scope.fork("wait", () -> {
        started.countDown();
        new CountDownLatch(1).await(30, TimeUnit.SECONDS);
        return "not interrupted";
      });
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      task.cancel(List.of("order", 7));
      Result<Failure, String> result = task.join();
      assertThat(result).isEqualTo(Result.err(new Failure.Cancelled(new CancelReason.Requested(List.of("order", 7)))));
      assertThat(scope.cancellationReason()).as("only the task was cancelled").isEmpty();
    }
  }

  @Test
  void aParentsReasonNestsTypedInTheChilds() throws Exception {
    try (Scope grandparent = Scope.open("grandparent");
        Scope parent = Scope.builder("parent").parent(grandparent).open();
        Scope child = Scope.builder("child").parent(parent).open()) {
      grandparent.cancel("shutdown");
      CancelReason reason = child.cancellationReason().orElseThrow();
      assertThat(reason).isEqualTo(new CancelReason.ParentCancelled("parent",
          new CancelReason.ParentCancelled("grandparent", new CancelReason.Requested("shutdown"))));
      // The nested reason is a CancelReason itself, so its detail is reached by record patterns alone.
      assertThat(reason instanceof CancelReason.ParentCancelled(var p,
          CancelReason.ParentCancelled(var gp, CancelReason.Requested(var detail))) ? p + "/" + gp + ": " + detail : "")
          .isEqualTo("parent/grandparent: shutdown");
      assertThat(describe(reason))
          .isEqualTo("parent parent cancelled (parent grandparent cancelled (requested: shutdown))");
    }
  }

  @Test
  void listenersAndTheCooperativeCheckGetTheTypedReason() throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    try (Scope scope = Scope.open("s")) {
      scope.onCancel((CancelReason reason) -> heard.add(describe(reason)));
      Task<Failure, String> task = scope.fork("check", () -> {
        new CountDownLatch(1).await(30, TimeUnit.SECONDS);
        return "not interrupted";
      });
      scope.cancel("enough");
      task.join();
      try (Scope inner = Scope.builder("inner").parent(scope).open()) {
        assertThatThrownBy(Scope::throwIfCancelled)
            .isInstanceOfSatisfying(ScopeCancelledException.class, e -> assertThat(describe(e.reason()))
                .isEqualTo("parent s cancelled (requested: enough)"));
        assertThat(inner.isCancelled()).isTrue();
      }
    }
    assertThat(heard).containsExactly("requested: enough");
  }

  @Test
  void anObserverSwitchesOverTheReasonExhaustively() {
    List<String> closed = new CopyOnWriteArrayList<>();
    ScopeRuntime runtime = ScopeRuntime.builder().observer(new ScopeObserver() {
      @Override
      public ScopeObservation scopeOpened(ScopeInfo scope) {
        return new ScopeObservation() {
          @Override
          public void closed(Duration lifetime, CancelReason cancelReason) {
            closed.add(scope.name() + ": " + (cancelReason == null ? "not cancelled" : switch (cancelReason) {
              case CancelReason.Requested r -> "by hand, " + r.detail();
              case CancelReason.ScopeTimedOut t -> "timed out";
              case CancelReason.ScopeClosed c -> "closed";
              case CancelReason.ParentCancelled p -> "parent";
              case CancelReason.LostRace l -> "lost";
              case CancelReason.CallTimedOut c -> "call timed out";
              case CancelReason.Interrupted i -> "interrupted";
            }));
          }
        };
      }
    }).build();
    try (Scope scope = runtime.scope("quiet").open()) {
      scope.fork(() -> "done").join();
    }
    try (Scope scope = runtime.scope("stopped").open()) {
      scope.cancel("stop");
    }
    try (Scope scope = runtime.scope("late").deadline(Instant.now().minusSeconds(1)).open()) {
      assertThat(scope.isCancelled()).isTrue();
    }
    assertThat(closed).containsExactly("quiet: not cancelled", "stopped: by hand, stop", "late: timed out");
  }

  @Test
  void aGeneratedStyleVariantReadsItsObjectReasonTyped() {
    // Generated unions declare Cancelled(Object reason) (their golden form); cancelReason() types it.
    record Cancelled(Object reason) implements ScopeError.Cancelled {}
    CancelReason timedOut = new CancelReason.ScopeTimedOut("s", Duration.ofSeconds(1));
    assertThat(new Cancelled(timedOut).cancelReason()).isSameAs(timedOut);
    assertThat(new Cancelled("built by hand").cancelReason()).isEqualTo(new CancelReason.Requested("built by hand"));
    assertThat(new Failure.Cancelled(timedOut).cancelReason()).isSameAs(timedOut);
  }
}
