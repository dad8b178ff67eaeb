package io.gogoscope.processor.contract;

import io.gogoscope.annotations.CircuitBreaker;
import io.gogoscope.annotations.DistributedLock;
import io.gogoscope.annotations.RateLimit;
import io.gogoscope.annotations.ScopeTask;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * The interface {@link GeneratedStorePoliciesContract} compiles through the processor: one method
 * per store-backed policy. The methods that hold a lock run the caller's {@code work} while they
 * hold it, so a test decides how long a lock stays held.
 */
@ScopeTask(name = "desk")
public interface OrderDesk {

  /** Runs {@code work} holding the lock of the order; a held lock is not waited for. */
  @DistributedLock(key = "order:{orderId}", ttl = "30s")
  String place(String orderId, Supplier<String> work);

  /** Runs {@code work} holding the lock of the account, waiting up to 20 s for it. */
  @DistributedLock(key = "ledger:{account}", ttl = "30s", maxWait = "20s")
  String post(String account, Supplier<String> work);

  /** Runs {@code work} holding a lock that expires after one second, however long the work takes. */
  @DistributedLock(key = "job:{job}", ttl = "1s")
  String runJob(String job, Supplier<String> work);

  /** A scheduled job's run: the lock stays taken a second however fast the work is. */
  @DistributedLock(key = "tick:{job}", ttl = "30s", minHold = "1s")
  String tick(String job, Supplier<String> work);

  /** One quote per symbol and 400 ms; a call over it waits up to 5 s for a permit. */
  @RateLimit(key = "quote:{symbol}", limit = 1, window = "400ms", maxWait = "5s")
  String quote(String symbol);

  /** Two searches per user and minute. */
  @RateLimit(key = "user:{user.id}", limit = 2, window = "1m")
  String search(User user, String query);

  /** Pays through a provider guarded by a breaker whose state every instance shares. */
  @CircuitBreaker(name = "payments", failureThreshold = 2, resetTimeout = "5m", shared = true)
  String pay(String orderId) throws IOException;

  /** Whoever searches. */
  record User(String id) {}
}
