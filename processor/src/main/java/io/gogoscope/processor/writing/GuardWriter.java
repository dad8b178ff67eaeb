package io.gogoscope.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import io.gogoscope.processor.model.CircuitBreakerSettings;
import io.gogoscope.processor.model.ClassValue;
import io.gogoscope.processor.model.MethodModel;
import io.gogoscope.processor.model.RetrySettings;
import io.gogoscope.processor.model.TaskModel;
import java.util.List;

/**
 * Writes the constructor statement that builds a task's {@code Guard}. Policies are listed in the
 * order the guard applies them, outermost first, so the code reads as what happens.
 */
final class GuardWriter {

  CodeBlock write(TaskModel task) {
    MethodModel method = task.method();
    CodeBlock.Builder guard = CodeBlock.builder()
        .add("this.$N = runtime.guard($S)", GeneratedNames.guardField(task), task.taskName())
        .indent().indent();
    task.overallTimeout().ifPresent(timeout ->
        guard.add("\n.overallTimeout($L)", DurationCode.of(timeout.value())));
    method.rateLimit().ifPresent(limit -> {
      guard.add("\n.rateLimit($L, $L", limit.limit().value(), DurationCode.of(limit.window().value()));
      if (isPositive(limit.maxWait().value())) {
        guard.add(", $L", DurationCode.of(limit.maxWait().value()));
      }
      guard.add(")");
    });
    method.lock().ifPresent(lock -> {
      guard.add("\n.lock($L, $L", DurationCode.of(lock.ttl().value()), DurationCode.of(lock.maxWait().value()));
      if (isPositive(lock.minHold().value())) {
        guard.add(", $L", DurationCode.of(lock.minHold().value()));
      }
      guard.add(")");
    });
    method.retry().ifPresent(retry -> guard.add("\n.retry($L)", retry(retry)));
    method.circuitBreaker().ifPresent(breaker -> guard.add("\n.circuitBreaker($L)", breakerArguments(task, breaker)));
    task.bulkhead().ifPresent(bulkhead -> guard.add("\n.bulkhead($T.of($L, $L))",
        RuntimeNames.BULKHEAD, bulkhead.maxConcurrent().value(), DurationCode.of(bulkhead.maxWait().value())));
    task.attemptTimeout().ifPresent(timeout ->
        guard.add("\n.timeout($L)", DurationCode.of(timeout.value())));
    return guard.add("\n.build();\n").unindent().unindent().build();
  }

  /** Whether a (validated) duration text is above zero: a zero wait or hold is left out. */
  private static boolean isPositive(String duration) {
    return io.gogoscope.processor.model.Durations.parse(duration).map(java.time.Duration::isPositive).orElse(false);
  }

  /**
   * {@code Retry.builder()...build()}: the attempts always, every other member only when written,
   * so that the runtime's documented defaults (which the annotation's defaults match) apply.
   */
  private static CodeBlock retry(RetrySettings retry) {
    CodeBlock.Builder code = CodeBlock.builder().add("$T.builder()", RuntimeNames.RETRY).indent().indent();
    code.add("\n.maxAttempts($L)", retry.attempts().value());
    if (retry.delay().explicit()) {
      code.add("\n.delay($L)", DurationCode.of(retry.delay().value()));
    }
    if (!retry.maxDelay().value().isEmpty()) {
      code.add("\n.maxDelay($L)", DurationCode.of(retry.maxDelay().value()));
    }
    if (retry.backoff().explicit()) {
      code.add("\n.backoff($T.$L)", RuntimeNames.BACKOFF, retry.backoff().value());
    }
    if (retry.multiplier().explicit()) {
      code.add("\n.multiplier($L)", retry.multiplier().value());
    }
    if (retry.jitter().explicit()) {
      code.add("\n.jitter($L)", retry.jitter().value());
    }
    if (!retry.retryOn().value().isEmpty()) {
      code.add("\n.retryOn($L)", classLiterals(retry.retryOn().value()));
    }
    if (!retry.abortOn().value().isEmpty()) {
      code.add("\n.abortOn($L)", classLiterals(retry.abortOn().value()));
    }
    // The predicate is created here, once per guard; results are checked against its type's class.
    retry.retryOnResult().ifPresent(predicate -> code.add("\n.retryOnResult($T.class, new $T())",
        TypeName.get(predicate.judgedClass()),
        ClassName.get(com.google.auto.common.MoreTypes.asTypeElement(predicate.predicate().type()))));
    return code.add("\n.build()").unindent().unindent().build();
  }

  private static CodeBlock classLiterals(List<ClassValue> classes) {
    return classes.stream()
        .map(value -> CodeBlock.of("$T.class", ClassName.get(com.google.auto.common.MoreTypes.asTypeElement(value.type()))))
        .collect(CodeBlock.joining(", "));
  }

  /** The breaker, and its classification when the method gives one. */
  private static CodeBlock breakerArguments(TaskModel task, CircuitBreakerSettings breaker) {
    CodeBlock shared = CodeBlock.of("runtime.circuitBreaker($S, $L)", task.breakerName().orElseThrow(), config(breaker));
    boolean classified = breaker.failOn().explicit() || !breaker.skipOn().value().isEmpty();
    if (!classified) {
      return shared;
    }
    CodeBlock.Builder counted = CodeBlock.builder();
    if (breaker.failOn().explicit()) {
      counted.add("$T.failOn($L)", RuntimeNames.CIRCUIT_BREAKER_COUNTED, classLiterals(breaker.failOn().value()));
    } else {
      counted.add("$T.ALL", RuntimeNames.CIRCUIT_BREAKER_COUNTED);
    }
    if (!breaker.skipOn().value().isEmpty()) {
      counted.add(".skipOn($L)", classLiterals(breaker.skipOn().value()));
    }
    return CodeBlock.of("$>$>\n$L,\n$L$<$<", shared, counted.build());
  }

  /**
   * The breaker's configuration through the named factory of its meaning (failures among the last
   * windowSize calls, or a ratio of them), then the members that differ from the factory's defaults,
   * one a line as the retry builder's are.
   */
  private static CodeBlock config(CircuitBreakerSettings breaker) {
    CodeBlock.Builder config = CodeBlock.builder().add("$T", RuntimeNames.CIRCUIT_BREAKER_CONFIG).indent().indent();
    CodeBlock reset = DurationCode.of(breaker.resetTimeout().value());
    if (breaker.failureRatio().value() == 0.0) {
      config.add("\n.failureThreshold($L, $L, $L)",
          breaker.failureThreshold().value(), breaker.windowSize().value(), reset);
    } else {
      config.add("\n.failureRatio($L, $L, $L, $L)",
          breaker.failureRatio().value(), breaker.minimumCalls().value(), breaker.windowSize().value(), reset);
    }
    if (breaker.halfOpenPermits().value() != 1 || breaker.successThreshold().value() != 1) {
      config.add("\n.withHalfOpen($L, $L)", breaker.halfOpenPermits().value(), breaker.successThreshold().value());
    }
    if (breaker.shared().value()) {
      config.add("\n.withShared(true)");
    }
    return config.unindent().unindent().build();
  }
}
