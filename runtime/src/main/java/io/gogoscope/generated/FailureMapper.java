package io.gogoscope.generated;

import io.gogoscope.CancelReason;
import io.gogoscope.Failure;
import java.time.Duration;

/** Maps every failure mode into {@link Failure}. */
enum FailureMapper implements ErrorMapper<Failure> {
  INSTANCE;

  @Override
  public Failure thrown(Exception exception) {
    return new Failure.Thrown(exception);
  }

  @Override
  public Failure cancelled(Object reason) {
    // The runtime only ever passes a CancelReason here (of() then returns it as it is); the
    // parameter is Object because generated mappers override it so.
    return new Failure.Cancelled(CancelReason.of(reason));
  }

  @Override
  public Failure timedOut(Duration after) {
    return new Failure.TimedOut(after);
  }

  @Override
  public Failure circuitOpen(String name) {
    return new Failure.CircuitOpen(name);
  }

  @Override
  public Failure rateLimited(Duration retryAfter) {
    return new Failure.RateLimited(retryAfter);
  }

  @Override
  public Failure lockUnavailable(String key) {
    return new Failure.LockUnavailable(key);
  }

  @Override
  public Failure bulkheadFull(int limit) {
    return new Failure.BulkheadFull(limit);
  }
}
