package io.gogoscope.generated;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.observe.TaskInfo.TaskAttributes;
import org.junit.jupiter.api.Test;

/** The named factories generated code builds its contexts with: each sets what its name says. */
class CallContextTest {
  private final TaskAttributes attributes = sink -> sink.accept("user.id", "42");

  @Test
  void eachFactorySetsWhatItsNameSaysAndNothingElse() {
    assertThat(CallContext.ofLock("order:1")).isEqualTo(new CallContext("order:1", null, TaskAttributes.NONE));
    assertThat(CallContext.ofLock("order:1", attributes)).isEqualTo(new CallContext("order:1", null, attributes));
    assertThat(CallContext.ofRateLimit("user:7")).isEqualTo(new CallContext(null, "user:7", TaskAttributes.NONE));
    assertThat(CallContext.ofRateLimit("user:7", attributes)).isEqualTo(new CallContext(null, "user:7", attributes));
    assertThat(CallContext.ofAttributes(attributes)).isEqualTo(new CallContext(null, null, attributes));
  }
}
