package io.gogoscope.processor.behaviour;

import io.gogoscope.annotations.ResultPredicate;
import io.gogoscope.annotations.Retry;
import io.gogoscope.annotations.ScopeTask;
import java.util.concurrent.Callable;

/** A fixture for {@code @Retry(retryOnResult)}, compiled through the processor ({@code ScopedPolls}). */
@ScopeTask(name = "polls")
public interface Polls {

  /** "pending" is not an answer yet. */
  final class Pending implements ResultPredicate<String> {
    /** Counts the instances, to show the generated code makes one per guard, not one per call. */
    static final java.util.concurrent.atomic.AtomicInteger CREATED = new java.util.concurrent.atomic.AtomicInteger();

    /** The generated code's instance. */
    public Pending() {
      CREATED.incrementAndGet();
    }

    @Override
    public boolean test(String status) {
      return "pending".equals(status);
    }
  }

  /** Asks up to three times while the answer is "pending". */
  @Retry(attempts = 3, retryOnResult = Pending.class)
  String status(Callable<String> backend) throws Exception;
}
