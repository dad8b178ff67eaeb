package io.gogoscope.spring.boot.app;

import io.gogoscope.annotations.CircuitBreaker;
import io.gogoscope.annotations.DistributedLock;
import io.gogoscope.annotations.Retry;
import io.gogoscope.annotations.ScopeTask;
import java.io.IOException;

/** A task interface as an application would write it; the processor writes ScopedGreeter. */
@ScopeTask(name = "greeter")
public interface Greeter {

  @Retry(attempts = 2, delay = "1ms", retryOn = IOException.class)
  @CircuitBreaker(name = "greetings", failureThreshold = 2, windowSize = 2, resetTimeout = "1m")
  String greet(String name) throws IOException;

  @DistributedLock(key = "job:{job}", ttl = "10s")
  String runJob(String job);
}
