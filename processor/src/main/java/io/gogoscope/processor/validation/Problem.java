package io.gogoscope.processor.validation;

/**
 * Every message the processor prints, with its stable id. Ids never change meaning, so users and
 * tests can rely on them; texts say what is wrong and what to write instead.
 */
public enum Problem {
  // The annotated type.
  NOT_INTERFACE("GGS-NOT-INTERFACE",
      "@ScopeTask is on %s, but gogoscope generates code for interfaces only: declare the methods to"
          + " guard in an interface, let %s implement it, and annotate the interface"),
  NOT_INTERFACE_METHOD("GGS-NOT-INTERFACE-METHOD",
      "%s is on %s, a member of %s; gogoscope reads its annotations on interface methods only: put"
          + " the method in an @ScopeTask interface and annotate it there"),
  PRIVATE_TYPE("GGS-PRIVATE-TYPE",
      "%s is private, so the generated %s beside it cannot use it: make it package-private or public"),
  PRIVATE_ENCLOSING("GGS-PRIVATE-ENCLOSING",
      "%s is nested in the private %s, so the generated %s cannot use it: make %s package-private or"
          + " public"),
  NO_TASKS("GGS-NO-TASKS",
      "@ScopeTask on %s finds no method to make a task (it makes every abstract method one, and"
          + " default methods that carry a policy annotation): add a method, or remove @ScopeTask"),
  TASK_NAME_BLANK("GGS-TASK-NAME",
      "@ScopeTask(name = \"%s\") is blank: give a name such as \"users\", or leave name out for the"
          + " default (%s)"),

  // Where annotations may go.
  NOT_A_TASK("GGS-NOT-A-TASK",
      "%s on %s has no effect, because %s is not a task: add @ScopeTask to the method or to"
          + " interface %s"),
  STATIC_METHOD("GGS-STATIC-METHOD",
      "%s is on the %s method %s, which the generated code never calls through the implementation:"
          + " annotate an abstract or default method instead"),
  OBJECT_METHOD("GGS-OBJECT-METHOD",
      "%s is on %s, which every object inherits from java.lang.Object and which is never a task:"
          + " remove the annotation"),

  // Signatures.
  RETURN_TYPE("GGS-RETURN-TYPE", "%s returns %s: %s"),
  THROWS_TYPE_VARIABLE("GGS-THROWS-TYPE-VARIABLE",
      "%s throws the type variable %s, which fixes no exception type for its error union: declare"
          + " the exceptions it throws, or a common supertype such as Exception"),
  THROWS_THROWABLE("GGS-THROWS-THROWABLE",
      "%s throws %s, which is neither an Exception nor an Error, so no error union can hold it and"
          + " no Error may be caught: declare Exception, or the specific exceptions, instead"),
  VARARGS("GGS-VARARGS",
      "%s takes a varargs parameter of the non-reifiable type %s, which would make the generated"
          + " methods unsafe (heap pollution): take a List instead"),

  // Durations.
  DURATION_FORMAT("GGS-DURATION", "%s is not a duration: write " + io.gogoscope.processor.model.Durations.FORMATS),
  DURATION_NEGATIVE("GGS-DURATION-NEGATIVE", "%s is negative: %s must be %s"),
  DURATION_ZERO("GGS-DURATION-ZERO", "%s is zero: %s must be positive%s"),
  DURATION_TOO_LONG("GGS-DURATION-TOO-LONG", "%s is longer than %s: %s"),

  // @Retry.
  RETRY_ATTEMPTS("GGS-RETRY-ATTEMPTS",
      "%s: attempts counts the first call too and must be at least 1 (1 means no retry); write"
          + " attempts = 3 for up to two retries"),
  RETRY_MULTIPLIER("GGS-RETRY-MULTIPLIER",
      "%s: the exponential backoff's factor must be above 1, such as 2.0"),
  RETRY_JITTER("GGS-RETRY-JITTER",
      "%s: jitter is a fraction of each delay between 0 and 1, such as 0.2 for ±20 %%"),
  RETRY_MAX_DELAY("GGS-RETRY-MAX-DELAY",
      "%s is shorter than delay = \"%s\": the cap on delays must be at least the base delay"),
  RETRY_UNTHROWN("GGS-RETRY-UNTHROWN",
      "%s: %s cannot throw the checked exception %s (it declares %s): name an exception the method"
          + " declares, or add %s to its throws clause"),
  RETRY_CONFLICT("GGS-RETRY-CONFLICT",
      "@Retry(retryOn = %s.class) can never match, because abortOn = %s.class covers it: remove one"
          + " of them"),
  RETRY_MULTIPLIER_UNUSED("GGS-RETRY-MULTIPLIER-UNUSED",
      "%s has no effect with backoff = %s: use backoff = Backoff.EXPONENTIAL, or remove multiplier"),
  RETRY_RESULT_TYPE("GGS-RETRY-RESULT-TYPE", "%s: %s"),
  RETRY_RESULT_CLASS("GGS-RETRY-RESULT-CLASS",
      "%s: the generated code creates the predicate once with new %s(), but %s"),
  RETRY_JITTER_UNUSED("GGS-RETRY-JITTER-UNUSED",
      "%s is added to delays that Backoff.DECORRELATED_JITTER already makes random: remove jitter,"
          + " or pick another backoff"),

  // @Timeout and @ScopeTask(timeout).
  TIMEOUT_EMPTY("GGS-TIMEOUT-EMPTY",
      "@Timeout on %s gives neither value (per attempt) nor overall (the whole call): write"
          + " @Timeout(\"2s\") or @Timeout(overall = \"5s\")"),
  TIMEOUT_ORDER("GGS-TIMEOUT-ORDER",
      "%s is shorter than the per-attempt value = \"%s\", so the per-attempt timeout can never"
          + " expire: make overall longer, or drop value"),
  TIMEOUT_TWICE("GGS-TIMEOUT-TWICE",
      "%s has both @ScopeTask(timeout = \"%s\") and @Timeout: keep one, for example"
          + " @Timeout(overall = \"%s\")"),

  // Key templates.
  KEY_SYNTAX("GGS-KEY-SYNTAX",
      "%s: %s (at character %d); write references as {parameter} or {parameter.property}"),
  KEY_PARAMETER("GGS-KEY-PARAMETER", "%s names no parameter %s of %s: %s"),
  KEY_PROPERTY("GGS-KEY-PROPERTY",
      "%s: %s has no record component or getter %s() / get%s() visible from package %s, so"
          + " {%s} cannot be read: name one of its accessors"),
  KEY_ARRAY("GGS-KEY-ARRAY",
      "%s: {%s} is an array (%s), whose text is its identity, not its contents: use another"
          + " parameter or a property"),
  KEY_SEPARATOR("GGS-KEY-SEPARATOR",
      "%s: {%s} and {%s} are not separated by any of the characters %s, so distinct arguments could"
          + " give one key (as (\"1-2\", \"3\") and (\"1\", \"2-3\") would with \"-\"): put one"
          + " between them, such as {%s}:{%s}; substituted values never contain one (gogoscope"
          + " encodes them), so such a key tells every argument apart"),
  KEY_LENGTH("GGS-KEY-LENGTH",
      "%s: %s is %d characters, but the SQL stores hold keys of at most %d, and a generated method's"
          + " key must work on every store: shorten it"),
  KEY_TEXT("GGS-KEY-TEXT",
      "%s contains %s at character %d, which no store takes (stores keep keys as well-formed UTF-8"
          + " text without NUL): remove it"),

  // @DistributedLock.
  LOCK_MIN_HOLD("GGS-LOCK-MIN-HOLD",
      "%s is longer than ttl = \"%s\": the lease expires at its TTL, so the lock could not be held"
          + " that long: raise ttl, or shorten minHold"),

  // @RateLimit.
  RATE_LIMIT("GGS-RATE-LIMIT", "%s admits no call: the limit must be at least 1"),
  RATE_LIMIT_TOO_HIGH("GGS-RATE-LIMIT-TOO-HIGH",
      "%s is above %d, the most calls per window the SQL stores count, and a generated method's limit"
          + " must work on every store: use a shorter window with a smaller limit (limit = 1000,"
          + " window = \"1s\" instead of limit = 60000, window = \"1m\")"),

  // @CircuitBreaker.
  BREAKER_NAME_BLANK("GGS-BREAKER-NAME",
      "%s is blank: give a name such as \"payments\", or leave name out to use the task name (%s)"),
  BREAKER_COUNT("GGS-BREAKER-COUNT", "%s: %s must be at least 1"),
  BREAKER_WINDOW_SIZE("GGS-BREAKER-WINDOW-SIZE",
      "%s: the window holds at most %d calls (the breaker keeps one slot per call); give a smaller"
          + " windowSize"),
  BREAKER_RATIO("GGS-BREAKER-RATIO",
      "%s: the failure ratio must be above 0 and at most 1 (0.5 opens at half the calls failing),"
          + " or 0 to count failures with failureThreshold"),
  BREAKER_WINDOW("GGS-BREAKER-WINDOW",
      "%s can never be reached in a window of windowSize = %d calls: make windowSize at least %d"),
  BREAKER_UNTHROWN("GGS-BREAKER-UNTHROWN",
      "%s: %s cannot throw the checked exception %s (it declares %s), so the breaker would never see"
          + " it: name an exception the method declares, or add %s to its throws clause"),
  BREAKER_SKIP_COVERS("GGS-BREAKER-SKIP-COVERS",
      "@CircuitBreaker(failOn = %s.class) can never count, because skipOn = %s.class covers it (skipOn"
          + " wins): remove one of them"),
  BREAKER_CONFLICT("GGS-BREAKER-CONFLICT",
      "circuit breaker \"%s\" is configured differently on %s (%s) and %s (%s): breakers are shared"
          + " by name, so give both the same settings, or different names"),

  // @Bulkhead.
  BULKHEAD_CONCURRENT("GGS-BULKHEAD-CONCURRENT",
      "%s admits no attempt: maxConcurrent must be at least 1"),
  BULKHEAD_PLACE("GGS-BULKHEAD-PLACE",
      "@Bulkhead on %s has no effect, because %s: put it on an @ScopeTask interface or on a task"
          + " method"),

  // @SpanAttribute.
  SPAN_ATTRIBUTE_BLANK("GGS-SPAN-ATTRIBUTE",
      "@SpanAttribute(\"%s\") on %s is blank: give the attribute's key, such as \"user.id\""),
  SPAN_ATTRIBUTE_DUPLICATE("GGS-SPAN-ATTRIBUTE-DUPLICATE",
      "@SpanAttribute(\"%s\") is on both %s and %s of %s: each attribute key may be set once"),

  // Generated names.
  NAME_CLASH("GGS-NAME-CLASH",
      "%s and %s both generate the error union %s.%s: rename one of the methods"),
  METHOD_CLASH("GGS-METHOD-CLASH",
      "%s would generate %s(%s) in %s, and so would %s: rename one of the methods"),
  VARIANT_CLASH("GGS-VARIANT-CLASH",
      "the error union %s of %s would hold two variants named %s (for %s): rename one of the"
          + " exception classes"),

  // Processing.
  UNRESOLVED_TYPE("GGS-UNRESOLVED-TYPE",
      "%s was not generated, because the type %s used here could not be resolved: fix or add the"
          + " missing type (or the processor that should generate it)"),
  FILE("GGS-FILE", "could not write %s: %s"),
  INTERNAL("GGS-INTERNAL",
      "internal error in gogoscope's processor while processing %s: %s. This is a bug in"
          + " gogoscope, not in your code; please report it with this interface. %s was not"
          + " generated.");

  private final String id;
  private final String template;

  Problem(String id, String template) {
    this.id = id;
    this.template = template;
  }

  /** The stable id, such as {@code GGS-RETRY-ATTEMPTS}. */
  public String id() {
    return id;
  }

  /** The message: {@code [id] text}, the text formatted with {@code arguments}. */
  public String format(Object... arguments) {
    return "[" + id + "] " + String.format(java.util.Locale.ROOT, template, arguments);
  }
}
