package io.gogoscope.processor.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.generated.KeyValues;
import io.gogoscope.policy.CircuitBreaker;
import io.gogoscope.store.spi.StoreArguments;
import org.junit.jupiter.api.Test;

/** The processor's copies of the runtime's bounds (it does not depend on the runtime) are the runtime's. */
class StoreBoundsTest {

  @Test
  void theCopiesMatchTheRuntime() {
    assertThat(StoreBounds.MAX_STORED_DURATION).isEqualTo(StoreArguments.MAX_DURATION);
    assertThat(StoreBounds.MAX_WINDOW_SIZE).isEqualTo(CircuitBreaker.Config.MAX_WINDOW_SIZE);
    assertThat(StoreBounds.KEY_SEPARATORS).isEqualTo(KeyValues.SEPARATORS);
  }
}
