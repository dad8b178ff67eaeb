package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ResultTest {

  @Test
  void okAndErrSayWhatTheyAre() {
    Result<String, Integer> ok = Result.ok(1);
    Result<String, Integer> err = Result.err("no");
    assertThat(ok.isOk()).isTrue();
    assertThat(ok.isErr()).isFalse();
    assertThat(err.isOk()).isFalse();
    assertThat(err.isErr()).isTrue();
    assertThat(ok).isEqualTo(new Result.Ok<>(1));
    assertThat(err).isEqualTo(new Result.Err<>("no"));
  }

  @Test
  void errRejectsNull() {
    assertThatThrownBy(() -> Result.err(null)).isInstanceOf(NullPointerException.class).hasMessage("error");
  }

  @Test
  void okMayHoldNullForVoidCalls() {
    Result<String, Void> done = Result.ok(null);
    assertThat(done.isOk()).isTrue();
    assertThat(done.toOptional()).isEmpty();
  }

  @Test
  void toOptionalAndErrorIfAny() {
    assertThat(Result.<String, Integer>ok(3).toOptional()).contains(3);
    assertThat(Result.<String, Integer>ok(3).errorIfAny()).isEmpty();
    assertThat(Result.<String, Integer>err("e").toOptional()).isEmpty();
    assertThat(Result.<String, Integer>err("e").errorIfAny()).contains("e");
  }

  @Test
  void mapTransformsOnlyValues() {
    assertThat(Result.<String, Integer>ok(2).map(x -> x * 10)).isEqualTo(Result.ok(20));
    assertThat(Result.<String, Integer>err("e").map(x -> x * 10)).isEqualTo(Result.err("e"));
  }

  @Test
  void flatMapChainsAndShortCircuits() {
    Function<Integer, Result<String, Integer>> half = x -> x % 2 == 0 ? Result.ok(x / 2) : Result.err("odd " + x);
    assertThat(Result.<String, Integer>ok(8).flatMap(half).flatMap(half)).isEqualTo(Result.ok(2));
    assertThat(Result.<String, Integer>ok(6).flatMap(half).flatMap(half)).isEqualTo(Result.err("odd 3"));
    int[] calls = {0};
    Result.<String, Integer>err("early").flatMap(x -> {
      calls[0]++;
      return Result.ok(x);
    });
    assertThat(calls[0]).isZero();
  }

  @Test
  void flatMapRefusesANullResult() {
    assertThatThrownBy(() -> Result.<String, Integer>ok(1).flatMap(x -> null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("flatMap returned null");
  }

  @Test
  void mapErrTransformsOnlyErrors() {
    assertThat(Result.<String, Integer>err("e").mapErr(String::length)).isEqualTo(Result.err(1));
    assertThat(Result.<String, Integer>ok(5).mapErr(String::length)).isEqualTo(Result.ok(5));
  }

  @Test
  void foldCollapsesBothSides() {
    assertThat(Result.<String, Integer>ok(5).<String>fold(e -> "err " + e, v -> "ok " + v)).isEqualTo("ok 5");
    assertThat(Result.<String, Integer>err("x").<String>fold(e -> "err " + e, v -> "ok " + v)).isEqualTo("err x");
  }

  @Test
  void orElseAndOrElseGet() {
    assertThat(Result.<String, Integer>ok(5).orElse(0)).isEqualTo(5);
    assertThat(Result.<String, Integer>err("x").orElse(0)).isZero();
    assertThat(Result.<String, Integer>ok(5).orElseGet(String::length)).isEqualTo(5);
    assertThat(Result.<String, Integer>err("four").orElseGet(String::length)).isEqualTo(4);
  }

  @Test
  void orElseThrowThrowsRuntimeErrorsAsTheyAre() {
    IllegalStateException boom = new IllegalStateException("boom");
    assertThat(Result.<RuntimeException, Integer>ok(1).orElseThrow()).isEqualTo(1);
    assertThatThrownBy(() -> Result.<RuntimeException, Integer>err(boom).orElseThrow()).isSameAs(boom);
  }

  @Test
  void orElseThrowWrapsOtherErrorsWithTheirCause() {
    IOException io = new IOException("disk");
    assertThatThrownBy(() -> Result.<Failure, Integer>err(new Failure.Thrown(io)).orElseThrow())
        .isInstanceOfSatisfying(ResultException.class, e -> {
          assertThat(e.error()).isEqualTo(new Failure.Thrown(io));
          assertThat(e.getCause()).isSameAs(io);
        });
    assertThatThrownBy(() -> Result.<Exception, Integer>err(io).orElseThrow())
        .isInstanceOf(ResultException.class)
        .hasCause(io);
    assertThatThrownBy(() -> Result.<Failure, Integer>err(new Failure.TimedOut(Duration.ofSeconds(1))).orElseThrow())
        .isInstanceOfSatisfying(ResultException.class, e -> assertThat(e.getCause()).isNull())
        .hasMessageContaining("TimedOut");
  }

  @Test
  void orElseThrowWithAMapper() throws IOException {
    assertThat(Result.<String, Integer>ok(1).orElseThrow(IOException::new)).isEqualTo(1);
    assertThatThrownBy(() -> Result.<String, Integer>err("gone").orElseThrow(IOException::new))
        .isInstanceOf(IOException.class)
        .hasMessage("gone");
  }

  @Test
  void ofCatchesExceptionsAsValues() {
    assertThat(Result.of(() -> 42)).isEqualTo(Result.ok(42));
    IOException io = new IOException("x");
    assertThat(Result.of(() -> {
      throw io;
    })).isEqualTo(Result.err(io));
    IllegalArgumentException bad = new IllegalArgumentException();
    assertThat(Result.of(() -> {
      throw bad;
    })).isEqualTo(Result.err(bad));
  }

  /** A raw Throwable (neither Exception nor Error, thrown sneakily) is a value too, wrapped. */
  @Test
  void ofWrapsARawThrowable() {
    Throwable raw = new Throwable("neither");
    Result<Exception, Object> result = Result.of(() -> {
      throw ResultTest.<RuntimeException>sneaky(raw);
    });
    assertThat(result).isInstanceOfSatisfying(Result.Err.class, err ->
        assertThat((Exception) err.error()).isInstanceOf(java.lang.reflect.UndeclaredThrowableException.class)
            .hasCause(raw));
  }

  @SuppressWarnings("unchecked")
  private static <X extends Throwable> X sneaky(Throwable t) throws X {
    throw (X) t;
  }

  @Test
  void ofNeverCatchesErrors() {
    StackOverflowError error = new StackOverflowError();
    assertThatThrownBy(() -> Result.of(() -> {
      throw error;
    })).isSameAs(error);
  }

  @Test
  void ofKeepsTheInterruptFlag() {
    InterruptedException interrupted = new InterruptedException();
    try {
      Result<Exception, Object> result = Result.of(() -> {
        throw interrupted;
      });
      assertThat(result).isEqualTo(Result.err(interrupted));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void ofMessageKeepsOnlyTheMessage() {
    assertThat(Result.ofMessage(() -> "v")).isEqualTo(Result.ok("v"));
    assertThat(Result.ofMessage(() -> {
      throw new IOException("disk full");
    })).isEqualTo(Result.err("disk full"));
    assertThat(Result.ofMessage(() -> {
      throw new IllegalStateException();
    })).isEqualTo(Result.err("java.lang.IllegalStateException"));
  }

  /** Compiles only because Result is sealed: no default branch is needed. */
  @Test
  void switchOverResultIsExhaustive() {
    List<Result<String, Integer>> results = List.of(Result.ok(1), Result.err("e"));
    List<String> seen = results.stream().map(r -> switch (r) {
      case Result.Ok<String, Integer>(Integer value) -> "ok " + value;
      case Result.Err<String, Integer>(String error) -> "err " + error;
    }).toList();
    assertThat(seen).containsExactly("ok 1", "err e");
  }

  /** Compiles only because Failure is sealed: every variant is named, no default branch. */
  @Test
  void switchOverFailureIsExhaustive() {
    List<Failure> failures = List.of(
        new Failure.Thrown(new IOException()),
        new Failure.TimedOut(Duration.ofMillis(5)),
        new Failure.Cancelled(new CancelReason.Requested("why")),
        new Failure.CircuitOpen("cb"),
        new Failure.RateLimited(Duration.ofSeconds(1)),
        new Failure.LockUnavailable("k"),
        new Failure.BulkheadFull(3),
        new Failure.AllFailed(List.of()));
    List<String> kinds = failures.stream().map(f -> switch (f) {
      case Failure.Thrown t -> "thrown";
      case Failure.TimedOut t -> "timed out after " + t.after().toMillis();
      case Failure.Cancelled(CancelReason.Requested(var detail)) -> "cancelled " + detail;
      case Failure.Cancelled c -> "cancelled by the runtime: " + c.reason();
      case Failure.CircuitOpen c -> "open " + c.name();
      case Failure.RateLimited r -> "limited";
      case Failure.LockUnavailable l -> "locked " + l.key();
      case Failure.BulkheadFull b -> "full " + b.limit();
      case Failure.AllFailed a -> "all " + a.failures().size();
    }).toList();
    assertThat(kinds).containsExactly(
        "thrown", "timed out after 5", "cancelled why", "open cb", "limited", "locked k", "full 3", "all 0");
    assertThat(failures).extracting(ScopeError::kind).containsExactly(
        "exception", "timeout", "cancelled", "circuit_breaker_open", "rate_limited", "lock_unavailable",
        "bulkhead_full", "all_failed");
  }

  @Test
  void switchOnNestedPatterns() {
    Result<Failure, String> result = Result.err(new Failure.TimedOut(Duration.ofSeconds(2)));
    String said = switch (result) {
      case Result.Ok<Failure, String>(var value) -> value;
      case Result.Err<Failure, String>(Failure.TimedOut t) -> "late by " + t.after();
      case Result.Err<Failure, String>(var other) -> other.kind();
    };
    assertThat(said).isEqualTo("late by PT2S");
  }

  @Property
  void mapWithIdentityChangesNothing(@ForAll int value, @ForAll String error, @ForAll boolean ok) {
    Result<String, Integer> result = ok ? Result.ok(value) : Result.err(error);
    assertThat(result.map(Function.identity())).isEqualTo(result);
    assertThat(result.mapErr(Function.identity())).isEqualTo(result);
  }

  @Property
  void mapComposes(@ForAll int value, @ForAll boolean ok) {
    Result<String, Integer> result = ok ? Result.ok(value) : Result.err("e");
    Function<Integer, Long> f = x -> (long) x * 3;
    Function<Long, String> g = x -> "<" + x + ">";
    assertThat(result.map(f).map(g)).isEqualTo(result.map(f.andThen(g)));
  }

  @Property
  void flatMapWithOkIsMap(@ForAll int value, @ForAll boolean ok) {
    Result<String, Integer> result = ok ? Result.ok(value) : Result.err("e");
    assertThat(result.flatMap(x -> Result.ok(x + 1))).isEqualTo(result.map(x -> x + 1));
    assertThat(result.<Optional<Integer>>fold(e -> Optional.empty(), Optional::of)).isEqualTo(result.toOptional());
  }
}
