package io.gogoscope.processor.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gogoscope.Result;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.config.ConfigSource;
import io.gogoscope.config.ConfigurationException;
import io.gogoscope.processor.behaviour.ScopedInventory.ReserveError;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Configuration overrides end to end: the processor wrote this module's task index while compiling
 * {@link Inventory}; the runtime checks overrides against it and the generated code obeys them.
 */
class ConfiguredBehaviourTest {
  private final FakeInventory fake = new FakeInventory();

  private static ScopeRuntime runtime(Map<String, String> properties) {
    return ScopeRuntime.builder().config(ConfigSource.of(properties)).build();
  }

  @Test
  void anOverrideChangesTheGeneratedRetry() {
    fake.ioFailuresBeforeSuccess = Integer.MAX_VALUE;
    ScopeRuntime runtime = runtime(Map.of("gogoscope.tasks.\"inventory.reserve\".retry.max-attempts", "5"));

    Result<ReserveError, Integer> result = ScopedInventory.of(fake, runtime).reserve("apple");

    assertThat(fake.reserveCalls).hasValue(5);
    assertThat(result.errorIfAny()).get().isInstanceOf(ReserveError.Io.class);
  }

  @Test
  void aSwitchTurnsTheGeneratedRetryOff() {
    fake.ioFailuresBeforeSuccess = Integer.MAX_VALUE;
    ScopeRuntime runtime = runtime(Map.of("gogoscope.tasks.\"inventory.reserve\".retry.enabled", "false"));

    ScopedInventory.of(fake, runtime).reserve("apple");

    assertThat(fake.reserveCalls).hasValue(1);
  }

  @Test
  void theProcessorsIndexRejectsATaskItDidNotGenerate() {
    assertThatThrownBy(() -> runtime(Map.of("gogoscope.tasks.\"inventory.reserv\".retry.max-attempts", "5")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("did you mean inventory.reserve?");
    assertThatThrownBy(() -> runtime(Map.of("gogoscope.tasks.\"inventory.reserve\".timeout.value", "1s")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("task \"inventory.reserve\" has no @Timeout");
  }
}
