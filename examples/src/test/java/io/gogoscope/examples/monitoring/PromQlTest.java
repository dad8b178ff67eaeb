package io.gogoscope.examples.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {
  @Test
  void findsMetricsAndSkipsFunctionsLabelsAndDurations() {
    assertThat(
            PromQl.metricNames(
                "histogram_quantile(0.95, sum by (task, le) (rate(goscope_task_duration_seconds_bucket{task=~\"a|b\"}[5m] offset 1m)))"))
        .containsExactly("goscope_task_duration_seconds_bucket");
    assertThat(
            PromQl.metricNames(
                "sum(rate(a_total[5m])) / (sum(rate(a_total[5m])) + sum without (x) (b_total)) > bool 0.1 unless on (job) c"))
        .containsExactly("a_total", "b_total", "c");
    assertThat(PromQl.metricNames("max by (name) (goscope_circuit_state) > 1e3"))
        .containsExactly("goscope_circuit_state");
  }
}
