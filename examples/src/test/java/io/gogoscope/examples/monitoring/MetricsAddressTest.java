package io.gogoscope.examples.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The metrics endpoint listens where it is told. On Linux's Docker Engine, Prometheus in a
 * container reaches the host through {@code host-gateway}, the bridge's address, never the host's
 * loopback; an endpoint that only listens on 127.0.0.1 is then unreachable. Here 127.0.0.2 stands
 * for that other address (any address but 127.0.0.1 would do, and this one stays on the machine).
 */
class MetricsAddressTest {

  @Test
  void listensOnEveryInterfaceWhenToldTo() throws Exception {
    InetSocketAddress everywhere = MonitoringExample.listenAddress("0.0.0.0", 0);
    assertThat(everywhere.getAddress().isAnyLocalAddress()).isTrue();

    try (MonitoringExample example = MonitoringExample.start(everywhere, Duration.ofMillis(20))) {
      int port = example.endpoint().port();
      assertThat(RunningExample.get("http://127.0.0.2:" + port + "/metrics"))
          .contains("goscope_tasks_spawned_total");
    }
  }

  @Test
  void theDefaultListensOnLoopbackOnly() throws Exception {
    InetSocketAddress loopback = MonitoringExample.listenAddress(" ", 0);
    assertThat(loopback.getAddress().getHostAddress()).isEqualTo("127.0.0.1");

    try (MonitoringExample example = MonitoringExample.start(loopback, Duration.ofMillis(20))) {
      int port = example.endpoint().port();
      assertThat(RunningExample.get("http://127.0.0.1:" + port + "/metrics")).isNotEmpty();
      assertThatThrownBy(() -> connect("127.0.0.2", port)).isInstanceOf(IOException.class);
    }
  }

  @Test
  void refusesAnAddressItCannotResolve() {
    assertThatThrownBy(() -> MonitoringExample.listenAddress("no-such-host.invalid", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gogoscope.metrics.address");
  }

  private static void connect(String host, int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2_000);
    }
  }
}
