package io.gogoscope.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import javax.annotation.processing.Processor;
import org.junit.jupiter.api.Test;

/** javac finds the processor through its service file; Gradle treats it as isolating. */
class RegistrationTest {

  @Test
  void javacFindsTheProcessorThroughTheServiceLoader() {
    assertThat(ServiceLoader.load(Processor.class).stream().map(ServiceLoader.Provider::type))
        .contains(ScopeProcessor.class);
  }

  @Test
  void gradleTreatsTheProcessorAsIsolating() throws IOException {
    try (InputStream in = ScopeProcessor.class.getResourceAsStream("/META-INF/gradle/incremental.annotation.processors")) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip())
          .isEqualTo("io.gogoscope.processor.ScopeProcessor,isolating");
    }
  }
}
