package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.config.ConfigSource;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * Forked tasks carry the forking thread's context through Micrometer's context-propagation: the
 * SLF4J MDC (Logback keeps it here) and a ThreadLocal a framework registers.
 */
class ContextPropagationTest {
  private static final ThreadLocal<String> TENANT = new ThreadLocal<>();
  private static final List<String> TENANT_EVENTS = new CopyOnWriteArrayList<>();

  static {
    ContextRegistry.getInstance().registerThreadLocalAccessor(new ThreadLocalAccessor<String>() {
      @Override
      public Object key() {
        return "test.tenant";
      }

      @Override
      public String getValue() {
        return TENANT.get();
      }

      @Override
      public void setValue(String value) {
        TENANT_EVENTS.add("set " + value + " on " + Thread.currentThread().isVirtual());
        TENANT.set(value);
      }

      @Override
      public void setValue() {
        TENANT_EVENTS.add("cleared on " + Thread.currentThread().isVirtual());
        TENANT.remove();
      }
    });
  }

  private final ScopeRuntime runtime = ScopeRuntime.builder().config(ConfigSource.none()).build();

  @AfterEach
  void clear() {
    MDC.clear();
    TENANT.remove();
    TENANT_EVENTS.clear();
  }

  @Test
  void aForkedTaskSeesTheCallersMdcAndItIsGoneAfter() {
    MDC.put("request.id", "42");
    List<Object> seen = new ArrayList<>();
    try (Scope scope = runtime.scope("request").open()) {
      Task<Failure, String> task = scope.fork("lookup", () -> MDC.get("request.id"));
      MDC.put("request.id", "43"); // after the fork: the task keeps what was there when forked
      seen.add(task.join());
    }
    assertThat(seen).containsExactly(Result.ok("42"));
    assertThat(MDC.get("request.id")).as("the caller's own MDC is untouched").isEqualTo("43");
  }

  @Test
  void theTaskThreadIsLeftCleanWhenTheBodyEnds() {
    TENANT.set("acme");
    try (Scope scope = runtime.scope("request").open()) {
      assertThat(scope.fork("work", TENANT::get).join()).isEqualTo(Result.ok("acme"));
    }
    // Set on the task's (virtual) thread before the body, taken away after it.
    assertThat(TENANT_EVENTS).containsExactly("set acme on true", "cleared on true");
  }

  @Test
  void withoutContextAtTheForkTheTaskSeesNone() {
    try (Scope scope = runtime.scope("request").open()) {
      assertThat(scope.fork("work", () -> String.valueOf(MDC.getCopyOfContextMap())).join())
          .satisfies(result -> assertThat(result.toOptional().orElseThrow()).isIn("null", "{}"));
    }
  }

  @Test
  void nestedForksCarryItFurther() {
    MDC.put("request.id", "7");
    try (Scope scope = runtime.scope("request").open()) {
      Result<Failure, Map<String, String>> inner = scope.fork("outer", () -> {
        try (Scope child = Scope.current().runtime().scope("inner").open()) {
          return child.fork("inner", MDC::getCopyOfContextMap).join().orElseThrow();
        }
      }).join();
      assertThat(inner).isEqualTo(Result.ok(Map.of("request.id", "7")));
    }
  }

  @Test
  void propagationCanBeTurnedOff() {
    MDC.put("request.id", "42");
    ScopeRuntime off = ScopeRuntime.builder().config(ConfigSource.none()).contextPropagation(false).build();
    try (Scope scope = off.scope("request").open()) {
      assertThat(scope.fork("lookup", () -> String.valueOf(MDC.get("request.id"))).join()).isEqualTo(Result.ok("null"));
    }
  }
}
