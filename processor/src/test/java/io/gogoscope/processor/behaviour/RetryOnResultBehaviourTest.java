package io.gogoscope.processor.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.Result;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.config.ConfigSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code @Retry(retryOnResult = Pending.class)} on generated code: a "pending" answer is asked for
 * again until another comes, and when the attempts run out the last answer is the result.
 */
@Timeout(60)
class RetryOnResultBehaviourTest {

  private static ScopedPolls polls(ScopeRuntime runtime) {
    return ScopedPolls.of(Callable::call, runtime);
  }

  private static Callable<String> answers(Deque<String> answers) {
    return answers::removeFirst;
  }

  @Test
  void aPendingAnswerIsAskedForAgainUntilTheRealOneComes() {
    Deque<String> answers = new ArrayDeque<>(List.of("pending", "pending", "done"));
    assertThat(polls(ScopeRuntime.builder().build()).status(answers(answers))).isEqualTo(Result.ok("done"));
    assertThat(answers).isEmpty();
  }

  @Test
  void whenTheAttemptsRunOutTheLastAnswerIsTheResult() {
    Deque<String> answers = new ArrayDeque<>(List.of("pending", "pending", "pending", "never asked"));
    assertThat(polls(ScopeRuntime.builder().build()).status(answers(answers))).isEqualTo(Result.ok("pending"));
    assertThat(answers).containsExactly("never asked");
  }

  @Test
  void thePredicateIsCreatedOncePerGeneratedObjectNotPerCall() {
    ScopedPolls polls = polls(ScopeRuntime.builder().build());
    int created = Polls.Pending.CREATED.get();
    for (int i = 0; i < 5; i++) {
      polls.status(answers(new ArrayDeque<>(List.of("pending", "done"))));
    }
    assertThat(Polls.Pending.CREATED.get()).isEqualTo(created);
  }

  /** An override of max-attempts rebuilds the retry from its builder, which keeps the predicate. */
  @Test
  void anOverriddenAttemptCountKeepsThePredicate() {
    ScopeRuntime runtime = ScopeRuntime.builder()
        .config(ConfigSource.of(Map.of("gogoscope.tasks.\"polls.status\".retry.max-attempts", "4")))
        .build();
    Deque<String> answers = new ArrayDeque<>(List.of("pending", "pending", "pending", "done"));
    assertThat(polls(runtime).status(answers(answers))).isEqualTo(Result.ok("done"));
  }
}
