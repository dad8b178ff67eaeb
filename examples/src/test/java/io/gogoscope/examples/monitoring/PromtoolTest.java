package io.gogoscope.examples.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Prometheus's own checker accepts the configuration and the alert rules, and the rules fire when they should. */
class PromtoolTest {
  private static final Duration LIMIT = Duration.ofMinutes(1);

  private static ExternalTool.Run promtool(String... args) throws Exception {
    Path promtool = ExternalTool.require("promtool");
    String[] command = new String[args.length + 1];
    command[0] = promtool.toString();
    System.arraycopy(args, 0, command, 1, args.length);
    return ExternalTool.run(MonitoringAssets.directory(), LIMIT, command);
  }

  @Test
  void configurationIsValid() throws Exception {
    ExternalTool.Run check = promtool("check", "config", "prometheus.yml");
    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: 1 rule files found");
  }

  @Test
  void alertRulesAreValid() throws Exception {
    ExternalTool.Run check = promtool("check", "rules", "alerts.yml");
    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: 4 rules found");
  }

  @Test
  void alertsFireOnUnhealthySeriesAndStayQuietOnHealthyOnes() throws Exception {
    ExternalTool.Run test = promtool("test", "rules", "alerts_test.yml");
    assertThat(test.exitCode()).as(test.output()).isZero();
    assertThat(test.output()).contains("SUCCESS");
  }

  @Test
  void theThreeAlertsOfGoGoScopeAndCircuitLeftOpenAreThere() {
    assertThat(MonitoringAssets.alertExpressions())
        .containsOnlyKeys("HighTaskErrorRate", "SlowTasks", "PotentialResourceLeak", "CircuitLeftOpen");
  }
}
