package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.spring.boot.GogoscopeProperties;
import io.gogoscope.spring.boot.PolicyOverrides;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;

/**
 * Every setting of the runtime's override table has its property in the starter's
 * {@link GogoscopeProperties}: binding (with unknown fields refused) would otherwise fail start-up
 * on a property the runtime accepts, and IDEs would not complete it. In package io.gogoscope to
 * read the table, which is the runtime's own.
 */
class OverrideTableCoverageTest {
  private static final Map<OverrideTable.Policy, Class<?>> TASK_SHAPES = Map.of(
      OverrideTable.Policy.RETRY, PolicyOverrides.Retry.class,
      OverrideTable.Policy.TIMEOUT, PolicyOverrides.Timeout.class,
      OverrideTable.Policy.CIRCUIT_BREAKER, PolicyOverrides.TaskBreaker.class,
      OverrideTable.Policy.RATE_LIMIT, PolicyOverrides.RateLimit.class,
      OverrideTable.Policy.DISTRIBUTED_LOCK, PolicyOverrides.DistributedLock.class,
      OverrideTable.Policy.BULKHEAD, PolicyOverrides.Bulkhead.class);

  @Test
  void everyPolicyHasItsSwitchAndItsShapeOnATask() {
    List<String> missing = new ArrayList<>();
    for (OverrideTable.Policy policy : OverrideTable.Policy.values()) {
      String property = camel(policy.key);
      if (BeanUtils.getPropertyDescriptor(GogoscopeProperties.class, property) == null) {
        missing.add("gogoscope." + policy.key + ".enabled");
      }
      if (BeanUtils.getPropertyDescriptor(PolicyOverrides.Task.class, property) == null
          || !TASK_SHAPES.containsKey(policy)) {
        missing.add("gogoscope.tasks.<task>." + policy.key);
      }
    }
    assertThat(missing).as("policies the starter's properties lack").isEmpty();
  }

  @Test
  void everyTaskSettingHasItsProperty() {
    List<String> missing = new ArrayList<>();
    for (OverrideTable.TaskRow<?> row : OverrideTable.TASK_ROWS) {
      Class<?> shape = TASK_SHAPES.get(row.policy());
      if (shape == null || BeanUtils.getPropertyDescriptor(shape, camel(row.setting())) == null) {
        missing.add("gogoscope.tasks.<task>." + row.policy().key + "." + row.setting());
      }
    }
    assertThat(missing).as("settings the starter's properties lack").isEmpty();
  }

  @Test
  void everyBreakerSettingHasItsProperty() {
    List<String> missing = new ArrayList<>();
    for (OverrideTable.BreakerRow<?> row : OverrideTable.BREAKER_ROWS) {
      if (BeanUtils.getPropertyDescriptor(PolicyOverrides.Breaker.class, camel(row.setting())) == null) {
        missing.add("gogoscope.circuit-breakers.<name>." + row.setting());
      }
    }
    assertThat(missing).as("breaker settings the starter's properties lack").isEmpty();
  }

  /** {@code max-attempts} as the bean property {@code maxAttempts}. */
  private static String camel(String dashed) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : dashed.toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }
}
