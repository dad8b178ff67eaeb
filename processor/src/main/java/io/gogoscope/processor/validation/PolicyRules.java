package io.gogoscope.processor.validation;

import io.gogoscope.processor.model.BulkheadSettings;
import io.gogoscope.processor.model.CircuitBreakerSettings;
import io.gogoscope.processor.model.ClassValue;
import io.gogoscope.processor.model.InterfaceModel;
import io.gogoscope.processor.model.LockSettings;
import io.gogoscope.processor.model.MethodModel;
import io.gogoscope.processor.model.RateLimitSettings;
import io.gogoscope.processor.model.RetrySettings;
import io.gogoscope.processor.model.ScopeTaskSettings;
import io.gogoscope.processor.model.Setting;
import io.gogoscope.processor.model.TaskModel;
import io.gogoscope.processor.model.ThrownType;
import io.gogoscope.processor.model.TimeoutSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Rules about the values of each task's policy annotations. */
final class PolicyRules {
  private final Reporter reporter;
  private final Types types;
  private final Elements elements;
  private final DurationRules durations;
  private final KeyRules keys;
  private final ResultPredicateRules resultPredicates;

  PolicyRules(Reporter reporter, Types types, Elements elements) {
    this.reporter = reporter;
    this.types = types;
    this.elements = elements;
    this.durations = new DurationRules(reporter);
    this.keys = new KeyRules(reporter);
    this.resultPredicates = new ResultPredicateRules(reporter, types, elements);
  }

  void check(InterfaceModel model, TaskModel task) {
    MethodModel method = task.method();
    String name = Display.method(method, types);
    method.scopeTask().ifPresent(scopeTask -> checkScopeTask(scopeTask, task, name));
    method.retry().ifPresent(retry -> checkRetry(retry, method, name));
    method.retry().flatMap(RetrySettings::retryOnResult).ifPresent(predicate ->
        resultPredicates.check(predicate, method, name, model.packageName()));
    method.timeout().ifPresent(timeout -> checkTimeout(timeout, method, name));
    method.lock().ifPresent(lock -> checkLock(lock, method, name, model.packageName(), task.taskName()));
    method.rateLimit().ifPresent(limit -> checkRateLimit(limit, method, name, model.packageName(), task.taskName()));
    method.circuitBreaker().ifPresent(breaker -> checkBreaker(breaker, task, name));
    method.bulkhead().ifPresent(this::checkBulkhead);
  }

  /** The interface's own {@code @ScopeTask(timeout)} is checked once, with its first task. */
  void checkInterfaceTimeout(ScopeTaskSettings scopeTask) {
    if (!scopeTask.timeout().value().isEmpty()) {
      durations.positive("@ScopeTask", "timeout", scopeTask.timeout(), "a timeout",
          "; leave timeout out for none");
    }
  }

  private void checkScopeTask(ScopeTaskSettings scopeTask, TaskModel task, String name) {
    String taskName = scopeTask.name().value();
    if (!taskName.isEmpty() && taskName.isBlank()) {
      reporter.error(Problem.TASK_NAME_BLANK, scopeTask.name().position(), taskName, "the interface's name and " + task.method().name());
    }
    if (!scopeTask.timeout().value().isEmpty()) {
      durations.positive("@ScopeTask", "timeout", scopeTask.timeout(), "a timeout", "; leave timeout out for none");
      task.method().timeout().ifPresent(timeout -> reporter.error(Problem.TIMEOUT_TWICE, timeout.position(),
          name, scopeTask.timeout().value(), scopeTask.timeout().value()));
    }
  }

  private void checkRetry(RetrySettings retry, MethodModel method, String name) {
    if (retry.attempts().value() < 1) {
      reporter.error(Problem.RETRY_ATTEMPTS, retry.attempts().position(),
          Display.member("@Retry", "attempts", retry.attempts()));
    }
    Optional<Duration> delay = durations.notNegative("@Retry", "delay", retry.delay(), "a delay");
    if (!retry.maxDelay().value().isEmpty()) {
      Optional<Duration> maxDelay = durations.positive("@Retry", "maxDelay", retry.maxDelay(),
          "a delay cap", "; leave maxDelay out for no cap");
      if (delay.isPresent() && maxDelay.isPresent() && maxDelay.get().compareTo(delay.get()) < 0) {
        reporter.error(Problem.RETRY_MAX_DELAY, retry.maxDelay().position(),
            Display.member("@Retry", "maxDelay", retry.maxDelay()), retry.delay().value());
      }
    }
    double multiplier = retry.multiplier().value();
    if (!(multiplier > 1.0) || Double.isInfinite(multiplier)) {
      reporter.error(Problem.RETRY_MULTIPLIER, retry.multiplier().position(),
          Display.member("@Retry", "multiplier", retry.multiplier()));
    }
    double jitter = retry.jitter().value();
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      reporter.error(Problem.RETRY_JITTER, retry.jitter().position(),
          Display.member("@Retry", "jitter", retry.jitter()));
    }
    checkThrowable(Problem.RETRY_UNTHROWN, "@Retry", "retryOn", retry.retryOn(), method, name);
    checkThrowable(Problem.RETRY_UNTHROWN, "@Retry", "abortOn", retry.abortOn(), method, name);
    String backoff = retry.backoff().value();
    if (retry.multiplier().explicit() && !backoff.equals("EXPONENTIAL")) {
      reporter.error(Problem.RETRY_MULTIPLIER_UNUSED, retry.multiplier().position(),
          Display.member("@Retry", "multiplier", retry.multiplier()), "Backoff." + backoff);
    }
    if (jitter > 0 && backoff.equals("DECORRELATED_JITTER")) {
      reporter.error(Problem.RETRY_JITTER_UNUSED, retry.jitter().position(),
          Display.member("@Retry", "jitter", retry.jitter()));
    }
    for (ClassValue retried : retry.retryOn().value()) {
      for (ClassValue abort : retry.abortOn().value()) {
        if (types.isSubtype(retried.type(), abort.type())) {
          reporter.error(Problem.RETRY_CONFLICT, retried.position(),
              Display.type(retried.type()), Display.type(abort.type()));
        }
      }
    }
  }

  /**
   * A checked exception named in {@code retryOn}, {@code abortOn}, {@code failOn} or {@code skipOn} must be one the method can
   * throw: a declared one, or a subtype or supertype of one. {@code Exception} itself covers the
   * unchecked ones and is always fine.
   */
  private void checkThrowable(Problem problem, String annotation, String member, Setting<List<ClassValue>> classes,
      MethodModel method, String name) {
    TypeMirror runtime = elements.getTypeElement("java.lang.RuntimeException").asType();
    List<TypeMirror> declared = method.thrown().stream()
        .filter(thrown -> thrown.category() == ThrownType.Category.CHECKED)
        .map(ThrownType::type)
        .toList();
    for (ClassValue value : classes.value()) {
      TypeMirror type = value.type();
      boolean checkedOnly = !types.isSubtype(type, runtime) && !types.isSubtype(runtime, type);
      boolean throwable = declared.stream()
          .anyMatch(thrown -> types.isSubtype(type, thrown) || types.isSubtype(thrown, type));
      if (checkedOnly && !throwable) {
        String declares = declared.isEmpty()
            ? "no checked exception"
            : declared.stream().map(Display::type).collect(Collectors.joining(", "));
        reporter.error(problem, value.position(),
            annotation + "(" + member + " = " + Display.type(type) + ".class)", name, Display.type(type), declares,
            Display.type(type));
      }
    }
  }

  private void checkTimeout(TimeoutSettings timeout, MethodModel method, String name) {
    boolean hasValue = !timeout.value().value().isEmpty();
    boolean hasOverall = !timeout.overall().value().isEmpty();
    if (!hasValue && !hasOverall) {
      reporter.error(Problem.TIMEOUT_EMPTY, timeout.position(), name);
      return;
    }
    Optional<Duration> perAttempt = hasValue
        ? durations.positive("@Timeout", "value", timeout.value(), "a timeout", "; leave value out for no per-attempt timeout")
        : Optional.empty();
    Optional<Duration> overall = hasOverall
        ? durations.positive("@Timeout", "overall", timeout.overall(), "a timeout", "; leave overall out for no overall timeout")
        : Optional.empty();
    if (perAttempt.isPresent() && overall.isPresent() && overall.get().compareTo(perAttempt.get()) < 0) {
      reporter.error(Problem.TIMEOUT_ORDER, timeout.overall().position(),
          Display.member("@Timeout", "overall", timeout.overall()), timeout.value().value());
    }
  }

  private void checkLock(LockSettings lock, MethodModel method, String name, String packageName, String taskName) {
    keys.check("@DistributedLock", lock.key(), method, name, packageName, taskName);
    Optional<Duration> ttl = durations.positive("@DistributedLock", "ttl", lock.ttl(), "the lock's time to live",
        ", so that a crashed holder's lock expires");
    ttl.ifPresent(value -> durations.atMost("@DistributedLock", "ttl", lock.ttl(), value,
        StoreBounds.MAX_STORED_DURATION,
        "36500 days (100 years), the longest TTL the stores take (they compute expiry times with it)"));
    durations.notNegative("@DistributedLock", "maxWait", lock.maxWait(), "the wait for the lock");
    Optional<Duration> minHold = durations.notNegative("@DistributedLock", "minHold", lock.minHold(), "the minimum hold");
    if (ttl.isPresent() && minHold.isPresent() && minHold.get().compareTo(ttl.get()) > 0) {
      reporter.error(Problem.LOCK_MIN_HOLD, lock.minHold().position(),
          Display.member("@DistributedLock", "minHold", lock.minHold()), lock.ttl().value());
    }
  }

  private void checkRateLimit(RateLimitSettings limit, MethodModel method, String name, String packageName,
      String taskName) {
    keys.check("@RateLimit", limit.key(), method, name, packageName, taskName);
    if (limit.limit().value() < 1) {
      reporter.error(Problem.RATE_LIMIT, limit.limit().position(),
          Display.member("@RateLimit", "limit", limit.limit()));
    }
    if (limit.limit().value() > StoreBounds.MAX_RATE_LIMIT) {
      reporter.error(Problem.RATE_LIMIT_TOO_HIGH, limit.limit().position(),
          Display.member("@RateLimit", "limit", limit.limit()), StoreBounds.MAX_RATE_LIMIT);
    }
    durations.positive("@RateLimit", "window", limit.window(), "the rate-limit window", "")
        .ifPresent(window -> durations.atMost("@RateLimit", "window", limit.window(), window,
            StoreBounds.MAX_STORED_DURATION,
            "36500 days (100 years), the longest window the stores take (they compute times with it)"));
    durations.notNegative("@RateLimit", "maxWait", limit.maxWait(), "the wait for a permit");
  }

  private void checkBreaker(CircuitBreakerSettings breaker, TaskModel task, String methodName) {
    MethodModel method = task.method();
    checkThrowable(Problem.BREAKER_UNTHROWN, "@CircuitBreaker", "failOn", breaker.failOn(), method, methodName);
    checkThrowable(Problem.BREAKER_UNTHROWN, "@CircuitBreaker", "skipOn", breaker.skipOn(), method, methodName);
    for (ClassValue failed : breaker.failOn().value()) {
      for (ClassValue skipped : breaker.skipOn().value()) {
        if (types.isSubtype(failed.type(), skipped.type())) {
          reporter.error(Problem.BREAKER_SKIP_COVERS, failed.position(),
              Display.type(failed.type()), Display.type(skipped.type()));
        }
      }
    }
    String name = breaker.name().value();
    if (!name.isEmpty() && name.isBlank()) {
      reporter.error(Problem.BREAKER_NAME_BLANK, breaker.name().position(),
          Display.member("@CircuitBreaker", "name", breaker.name()), task.taskName());
    }
    atLeastOne("failureThreshold", breaker.failureThreshold());
    atLeastOne("minimumCalls", breaker.minimumCalls());
    atLeastOne("windowSize", breaker.windowSize());
    if (breaker.windowSize().value() > StoreBounds.MAX_WINDOW_SIZE) {
      reporter.error(Problem.BREAKER_WINDOW_SIZE, breaker.windowSize().position(),
          Display.member("@CircuitBreaker", "windowSize", breaker.windowSize()), StoreBounds.MAX_WINDOW_SIZE);
    }
    atLeastOne("halfOpenPermits", breaker.halfOpenPermits());
    atLeastOne("successThreshold", breaker.successThreshold());
    double ratio = breaker.failureRatio().value();
    if (!(ratio >= 0.0 && ratio <= 1.0)) {
      reporter.error(Problem.BREAKER_RATIO, breaker.failureRatio().position(),
          Display.member("@CircuitBreaker", "failureRatio", breaker.failureRatio()));
    }
    int window = breaker.windowSize().value();
    if (window >= 1) {
      Setting<Integer> needed = ratio == 0.0 ? breaker.failureThreshold() : breaker.minimumCalls();
      String member = ratio == 0.0 ? "failureThreshold" : "minimumCalls";
      if (needed.value() > window) {
        reporter.error(Problem.BREAKER_WINDOW, needed.position(),
            Display.member("@CircuitBreaker", member, needed), window, needed.value());
      }
    }
    durations.positive("@CircuitBreaker", "resetTimeout", breaker.resetTimeout(), "the reset timeout", "")
        .ifPresent(reset -> durations.atMost("@CircuitBreaker", "resetTimeout", breaker.resetTimeout(), reset,
            StoreBounds.MAX_RESET_TIMEOUT, "about 292 years, the longest the breaker can count in nanoseconds"));
  }

  private void checkBulkhead(BulkheadSettings bulkhead) {
    if (bulkhead.maxConcurrent().value() < 1) {
      reporter.error(Problem.BULKHEAD_CONCURRENT, bulkhead.maxConcurrent().position(),
          Display.member("@Bulkhead", "maxConcurrent", bulkhead.maxConcurrent()));
    }
    durations.notNegative("@Bulkhead", "maxWait", bulkhead.maxWait(), "the wait for a slot");
  }

  /** The interface's own {@code @Bulkhead} is checked once. */
  void checkInterfaceBulkhead(BulkheadSettings bulkhead) {
    checkBulkhead(bulkhead);
  }

  private void atLeastOne(String member, Setting<Integer> value) {
    if (value.value() < 1) {
      reporter.error(Problem.BREAKER_COUNT, value.position(), Display.member("@CircuitBreaker", member, value), member);
    }
  }

  /**
   * Methods that name one circuit breaker share it, so they must configure it alike (the runtime
   * would refuse the second configuration when the generated class is created).
   */
  void checkSharedBreakers(InterfaceModel model) {
    java.util.Map<String, TaskModel> first = new java.util.HashMap<>();
    for (TaskModel task : model.tasks()) {
      if (task.method().circuitBreaker().isEmpty()) {
        continue;
      }
      CircuitBreakerSettings breaker = task.method().circuitBreaker().get();
      TaskModel other = first.putIfAbsent(task.breakerName().orElseThrow(), task);
      if (other != null) {
        CircuitBreakerSettings otherBreaker = other.method().circuitBreaker().orElseThrow();
        if (!otherBreaker.configuration().equals(breaker.configuration())) {
          reporter.error(Problem.BREAKER_CONFLICT, breaker.position(), task.breakerName().orElseThrow(),
              Display.method(other.method(), types), otherBreaker.configuration(),
              Display.method(task.method(), types), breaker.configuration());
        }
      }
    }
  }
}
