package io.gogoscope.test;

import static io.gogoscope.test.GogoscopeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gogoscope.CancelReason;
import io.gogoscope.Failure;
import io.gogoscope.Result;
import io.gogoscope.ScopeError;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResultAssertTest {
  private final Result<Failure, String> ok = Result.ok("user 42");
  private final Result<Failure, String> timedOut = Result.err(new Failure.TimedOut(Duration.ofSeconds(2)));
  private final Result<Failure, String> thrown = Result.err(new Failure.Thrown(new IOException("disk on fire")));
  private final Result<Failure, String> cancelled =
      Result.err(new Failure.Cancelled(new CancelReason.Requested("shutdown")));

  @Test
  void passesOnWhatTheResultIs() {
    assertThat(ok).isOk().hasValue("user 42").hasValueSatisfying(v -> assertThat(v).startsWith("user"));
    assertThat(ok).value().isEqualTo("user 42");
    assertThat(timedOut).isErr().isErrOf(Failure.TimedOut.class).isErrOf(ScopeError.TimedOut.class).isTimedOut();
    assertThat(timedOut).hasError(new Failure.TimedOut(Duration.ofSeconds(2)));
    assertThat(timedOut).error().hasKind("timeout").isTimedOutAfter(Duration.ofSeconds(2));
    assertThat(thrown).failedWith(IOException.class).hasErrorSatisfying(Failure.Thrown.class,
        t -> assertThat(t.cause()).hasMessage("disk on fire"));
    assertThat(Result.<Object>of(() -> {
      throw new IllegalStateException("raw");
    })).failedWith(IllegalStateException.class);
    assertThat(cancelled).isCancelled()
        .isCancelledWith(new CancelReason.Requested("shutdown"))
        .isCancelledWith(CancelReason.Requested.class);
  }

  @Test
  void readsTheReasonOfAGeneratedStyleVariantTyped() {
    // Generated unions declare Cancelled(Object reason); the assertion reads it through cancelReason().
    record Cancelled(Object reason) implements ScopeError.Cancelled {}
    Result<ScopeError, String> generated = Result.err(new Cancelled(new CancelReason.ScopeClosed("s")));
    assertThat(generated).isCancelledWith(new CancelReason.ScopeClosed("s"));
    assertThat(Result.<ScopeError, String>err(new Cancelled("by hand")))
        .as("a variant built by hand with a plain object reads as Requested")
        .isCancelledWith(new CancelReason.Requested("by hand"));
  }

  @Test
  void failsSayingWhatItGot() {
    assertThatThrownBy(() -> assertThat(ok).isErrOf(Failure.TimedOut.class))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected an Err result but got Ok with <user 42>");
    assertThatThrownBy(() -> assertThat(timedOut).isOk())
        .hasMessageContaining("Expected an Ok result but got Err with <TimedOut[after=PT2S]>");
    assertThatThrownBy(() -> assertThat(timedOut).isErrOf(Failure.CircuitOpen.class))
        .hasMessageContaining("an error of type io.gogoscope.Failure$CircuitOpen")
        .hasMessageContaining("its error was <TimedOut[after=PT2S]>");
    assertThatThrownBy(() -> assertThat(thrown).isCancelled())
        .as("an exception behind the error is shown with its stack trace")
        .hasMessageContaining("Caused by: java.io.IOException: disk on fire")
        .hasMessageContaining("at io.gogoscope.test.ResultAssertTest");
    assertThatThrownBy(() -> assertThat(cancelled).isCancelledWith(new CancelReason.Requested("other")))
        .hasMessageContaining("Expected a call cancelled for <Requested[detail=other]>"
            + " but it was cancelled for <Requested[detail=shutdown]>");
    assertThatThrownBy(() -> assertThat(cancelled).isCancelledWith(CancelReason.ScopeTimedOut.class))
        .hasMessageContaining("Expected a call cancelled for a ScopeTimedOut"
            + " but it was cancelled for <Requested[detail=shutdown]>");
    assertThatThrownBy(() -> assertThat(timedOut).isCancelledWith(CancelReason.Requested.class))
        .hasMessageContaining("an error of type io.gogoscope.ScopeError$Cancelled");
    assertThatThrownBy(() -> assertThat(ok).hasValue("user 7"))
        .hasMessageContaining("Expected an Ok result with value <user 7> but its value was <user 42>");
    assertThatThrownBy(() -> assertThat(timedOut).error().isTimedOutAfter(Duration.ofSeconds(1)))
        .hasMessageContaining("Expected a timeout after PT1S but the call timed out after PT2S");
  }
}
