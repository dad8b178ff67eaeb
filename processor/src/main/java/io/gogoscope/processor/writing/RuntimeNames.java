package io.gogoscope.processor.writing;

import com.palantir.javapoet.ClassName;

/** The runtime types generated code uses, by name (the processor does not depend on the runtime). */
final class RuntimeNames {
  static final ClassName RESULT = ClassName.get("io.gogoscope", "Result");
  static final ClassName TASK = ClassName.get("io.gogoscope", "Task");
  static final ClassName SCOPE = ClassName.get("io.gogoscope", "Scope");
  static final ClassName SCOPE_ERROR = ClassName.get("io.gogoscope", "ScopeError");
  static final ClassName SCOPE_RUNTIME = ClassName.get("io.gogoscope", "ScopeRuntime");
  static final ClassName GUARD = ClassName.get("io.gogoscope", "Guard");
  static final ClassName CALL_CONTEXT = ClassName.get("io.gogoscope.generated", "CallContext");
  static final ClassName KEY_VALUES = ClassName.get("io.gogoscope.generated", "KeyValues");
  static final ClassName UNION_MAPPER = ClassName.get("io.gogoscope.generated", "UnionMapper");
  static final ClassName TASK_ATTRIBUTES = ClassName.get("io.gogoscope.observe", "TaskInfo", "TaskAttributes");
  static final ClassName RETRY = ClassName.get("io.gogoscope.policy", "Retry");
  static final ClassName CIRCUIT_BREAKER = ClassName.get("io.gogoscope.policy", "CircuitBreaker");
  static final ClassName CIRCUIT_BREAKER_CONFIG = CIRCUIT_BREAKER.nestedClass("Config");
  static final ClassName CIRCUIT_BREAKER_COUNTED = CIRCUIT_BREAKER.nestedClass("Counted");
  static final ClassName BULKHEAD = ClassName.get("io.gogoscope.policy", "Bulkhead");
  static final ClassName BACKOFF = ClassName.get("io.gogoscope.annotations", "Backoff");

  static final ClassName DURATION = ClassName.get("java.time", "Duration");
  static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  static final ClassName CALLABLE = ClassName.get("java.util.concurrent", "Callable");
  static final ClassName UNDECLARED_THROWABLE =
      ClassName.get("java.lang.reflect", "UndeclaredThrowableException");

  private RuntimeNames() {}
}
