package io.gogoscope.processor.model;

/**
 * A {@code @CircuitBreaker} as written on a method.
 *
 * @param position the annotation
 * @param name the breaker's name; empty for the task name
 * @param failureThreshold failures that open it
 * @param failureRatio share of failures that opens it; 0 to count
 * @param minimumCalls calls before a ratio is judged
 * @param windowSize calls the window holds
 * @param resetTimeout how long it stays open (a duration text)
 * @param halfOpenPermits trial calls while half-open
 * @param successThreshold trial successes that close it
 * @param shared whether its state goes through the circuit-state store
 * @param failOn the exceptions counted as failures
 * @param skipOn the exceptions counted as successes, whatever failOn says
 */
public record CircuitBreakerSettings(
    Position position,
    Setting<String> name,
    Setting<Integer> failureThreshold,
    Setting<Double> failureRatio,
    Setting<Integer> minimumCalls,
    Setting<Integer> windowSize,
    Setting<String> resetTimeout,
    Setting<Integer> halfOpenPermits,
    Setting<Integer> successThreshold,
    Setting<Boolean> shared,
    Setting<java.util.List<ClassValue>> failOn,
    Setting<java.util.List<ClassValue>> skipOn) {

  /**
   * The values that make up the breaker's configuration, durations as written; two methods that
   * name one breaker must agree on them. {@code failOn} and {@code skipOn} are not among them: they
   * classify one method's exceptions, and methods sharing a breaker may classify differently.
   */
  public String configuration() {
    return "failureThreshold = " + failureThreshold.value()
        + ", failureRatio = " + failureRatio.value()
        + ", minimumCalls = " + minimumCalls.value()
        + ", windowSize = " + windowSize.value()
        + ", resetTimeout = " + Durations.parse(resetTimeout.value()).map(Object::toString).orElse(resetTimeout.value())
        + ", halfOpenPermits = " + halfOpenPermits.value()
        + ", successThreshold = " + successThreshold.value()
        + ", shared = " + shared.value();
  }
}
