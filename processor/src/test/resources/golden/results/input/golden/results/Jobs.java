package golden.results;

import io.gogoscope.annotations.Backoff;
import io.gogoscope.annotations.ResultPredicate;
import io.gogoscope.annotations.Retry;
import io.gogoscope.annotations.ScopeTask;
import io.gogoscope.annotations.Timeout;
import java.io.IOException;
import java.util.List;

/**
 * Issue 11's retryOnResult: a result that means "not yet" is tried again. One predicate per kind
 * of result: a record, a generic list, and a primitive judged through a supertype of its box.
 */
@ScopeTask(name = "jobs")
public interface Jobs {
  /** Polls until the job stops running, or the attempts run out (the last status is returned). */
  @Retry(attempts = 5, delay = "200ms", backoff = Backoff.EXPONENTIAL, retryOn = IOException.class,
      retryOnResult = StillRunning.class)
  @Timeout("1s")
  Status poll(String jobId) throws IOException;

  /** An empty page is asked for again. */
  @Retry(retryOnResult = EmptyPage.class)
  List<String> page(String cursor);

  /** A count of zero is asked for again: Integer is a Number. */
  @Retry(attempts = 2, retryOnResult = Zero.class)
  int count();

  /** The default predicate retries no value, and nothing is generated for it. */
  @Retry(attempts = 2)
  String name();

  record Status(String jobId, boolean running) {}

  final class StillRunning implements ResultPredicate<Status> {
    @Override
    public boolean test(Status status) {
      return status != null && status.running();
    }
  }

  final class EmptyPage implements ResultPredicate<List<String>> {
    @Override
    public boolean test(List<String> page) {
      return page.isEmpty();
    }
  }

  final class Zero implements ResultPredicate<Number> {
    @Override
    public boolean test(Number count) {
      return count.intValue() == 0;
    }
  }
}
