package io.gogoscope.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service on a real port, its SQLite file in a temporary folder: each case of the typed union
 * comes back as its HTTP answer; the scheduled job runs under its lock; the endpoint lists tasks
 * and breakers, and its write operations are off by default.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"example.report.every=200ms", "example.report.initial-delay=0s"})
class QuoteServiceHttpTest {
  @TempDir
  static Path folder;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("example.db", () -> folder.resolve("quotes.db").toString());
  }

  @Value("${local.server.port}")
  int port;

  Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  @Test
  void aPriceIs200() throws Exception {
    HttpResponse<String> response = http.get("/quotes/apple");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"sku\":\"apple\"", "\"currency\":\"EUR\"");
  }

  @Test
  void aFlakyDownstreamIsRetriedInto200() throws Exception {
    HttpResponse<String> response = http.get("/quotes/flaky"); // fails twice, then answers
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"sku\":\"flaky\"");
  }

  @Test
  void anUnknownArticleIs404() throws Exception {
    HttpResponse<String> response = http.get("/quotes/x-404");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("no article x-404");
  }

  @Test
  void aFailingDownstreamIs502AfterItsRetries() throws Exception {
    HttpResponse<String> response = http.get("/quotes/broken");
    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.body()).contains("pricing: 503 from upstream");
  }

  @Test
  void aSlowDownstreamIs504AtTheTimeout() throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response = http.get("/quotes/slow");
    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(response.body()).contains("pricing took over PT0.5S");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1900));
  }

  @Test
  void theScheduledJobRunsUnderItsLockInSqlite() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    HttpResponse<String> report = http.get("/report");
    while (!report.body().contains("rendered") && System.nanoTime() < deadline) {
      Thread.sleep(100);
      report = http.get("/report");
    }
    assertThat(report.body()).contains("rendered report #");
    HttpResponse<String> endpoint = http.get("/actuator/gogoscope");
    assertThat(endpoint.body()).contains("\"reports.render\"", "\"distributed-lock\"", "\"ttl\":\"PT30S\"");
    assertThat(endpoint.body()).containsPattern("\"locks\":\"[A-Za-z]*(Jdbi|Sql|Jdbc)[A-Za-z]*\"");
  }

  @Test
  void theEndpointListsTasksWithTheirPoliciesAndWritesAreOffByDefault() throws Exception {
    HttpResponse<String> endpoint = http.get("/actuator/gogoscope");
    assertThat(endpoint.statusCode()).isEqualTo(200);
    assertThat(endpoint.body()).contains("\"pricing.quote\"", "\"max-attempts\":3", "\"value\":\"PT0.5S\"",
        "\"circuitBreakers\"");
    HttpResponse<String> write = http.post("/actuator/gogoscope/pricing", "{\"action\":\"force-open\"}");
    assertThat(write.statusCode()).isBetween(400, 499);
    assertThat(http.get("/quotes/apple").statusCode()).isEqualTo(200); // not forced open
  }
}
