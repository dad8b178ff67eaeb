package io.gogoscope.examples.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every metric that a dashboard panel or an alert rule queries appears in a real scrape of the
 * example after it has processed orders through scopes, retries, timeouts, a circuit breaker, a
 * lock and a rate limit.
 */
class ScrapedMetricsTest {
  private static MonitoringExample example;
  private static String scrape;

  @BeforeAll
  static void runOrdersAndScrape() throws Exception {
    example = MonitoringExample.start(0, Duration.ofMillis(5));
    RunningExample.awaitOrders(example, 40); // orders 20-29 find the inventory down
    scrape = RunningExample.get(example.endpoint().url());
  }

  @AfterAll
  static void stop() {
    example.close();
  }

  @Test
  void everyMetricTheDashboardAndAlertsQueryIsScraped() {
    Map<String, String> queries = new LinkedHashMap<>(MonitoringAssets.dashboardQueries());
    MonitoringAssets.alertExpressions().forEach((alert, expr) -> queries.put("alert " + alert, expr));
    Set<String> scraped = RunningExample.metricNames(scrape);

    assertThat(queries).hasSizeGreaterThan(15);
    queries.forEach(
        (where, expression) -> {
          Set<String> wanted = new java.util.TreeSet<>(PromQl.metricNames(expression));
          assertThat(wanted).as("metrics of %s: %s", where, expression).isNotEmpty();
          // Counted per scope name, so created at a scope's first close timeout; the example has
          // none, and the panel's "or vector(0)" shows 0 until then.
          wanted.remove("goscope_scope_close_timeouts_total");
          assertThat(scraped).as("scraped metrics, for %s: %s", where, expression).containsAll(wanted);
        });
  }

  @Test
  void scrapeCountsWhatTheOrdersDid() {
    assertThat(scrape)
        .contains("goscope_tasks_spawned_total{task=\"validate-order\"}")
        .contains("goscope_tasks_failed_total{reason=\"timeout\",task=\"send-notification\"}")
        .contains("goscope_task_retries_total{reason=\"exception\",task=\"process-payment\"}")
        .contains("goscope_tasks_failed_total{reason=\"exception\",task=\"check-inventory\"}")
        .contains("goscope_circuit_state{name=\"inventory\"}")
        .contains("goscope_task_duration_seconds_bucket{outcome=\"success\",task=\"process-payment\",le=\"+Inf\"}");
  }
}
