package io.gogoscope.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class RequiresServerExtensionTest {

  @Test
  void passesWhenThePortAnswers() throws IOException {
    try (ServerSocket server = new ServerSocket(0)) {
      assertThatCode(() -> RequiresServerExtension.require("Test server", "127.0.0.1", server.getLocalPort()))
          .doesNotThrowAnyException();
    }
  }

  @Test
  void skipsOrFailsUnderCiWithAMessageNamingTheServer() throws IOException {
    int closedPort;
    try (ServerSocket server = new ServerSocket(0)) {
      closedPort = server.getLocalPort();
    }
    Class<? extends Throwable> expected =
        RequiresServerExtension.isCi() ? AssertionError.class : TestAbortedException.class;
    assertThatThrownBy(() -> RequiresServerExtension.require("Test server", "127.0.0.1", closedPort))
        .isInstanceOf(expected)
        .hasMessageContaining("Test server is not reachable on 127.0.0.1:" + closedPort);
  }
}
