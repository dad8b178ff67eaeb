package io.gogoscope.processor.model;

import java.util.List;

/**
 * The qualified names of gogoscope's annotations. The processor knows them by name only: it never
 * loads the annotation classes, so it works whatever version of them is on the user's classpath.
 */
public final class AnnotationNames {
  private static final String PACKAGE = "io.gogoscope.annotations.";

  public static final String SCOPE_TASK = PACKAGE + "ScopeTask";
  public static final String RETRY = PACKAGE + "Retry";
  public static final String TIMEOUT = PACKAGE + "Timeout";
  public static final String DISTRIBUTED_LOCK = PACKAGE + "DistributedLock";
  public static final String CIRCUIT_BREAKER = PACKAGE + "CircuitBreaker";
  public static final String RATE_LIMIT = PACKAGE + "RateLimit";
  public static final String BULKHEAD = PACKAGE + "Bulkhead";
  public static final String SPAN_ATTRIBUTE = PACKAGE + "SpanAttribute";
  /** Not an annotation: the type {@code @Retry(retryOnResult)} names. */
  public static final String RESULT_PREDICATE = PACKAGE + "ResultPredicate";
  /** {@code @Retry(retryOnResult)}'s default, which means no predicate. */
  public static final String RESULT_PREDICATE_NEVER = RESULT_PREDICATE + ".Never";

  /** The annotations that attach a policy to a task method. */
  public static final List<String> POLICIES =
      List.of(RETRY, TIMEOUT, DISTRIBUTED_LOCK, CIRCUIT_BREAKER, RATE_LIMIT, BULKHEAD);

  /** Every annotation the processor handles. */
  public static final List<String> ALL =
      List.of(SCOPE_TASK, RETRY, TIMEOUT, DISTRIBUTED_LOCK, CIRCUIT_BREAKER, RATE_LIMIT, BULKHEAD, SPAN_ATTRIBUTE);

  /** {@code "io.gogoscope.annotations.Retry"} becomes {@code "@Retry"}, as users write it. */
  public static String display(String qualifiedName) {
    return "@" + qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
  }

  private AnnotationNames() {}
}
