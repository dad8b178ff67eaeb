package io.gogoscope.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An operator's view, with the endpoint's write operations turned on and the pricing breaker
 * made quicker to open from configuration: the breaker opens, health goes DOWN, a reset through
 * the endpoint brings it back UP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "management.endpoint.gogoscope.access=unrestricted",
    "gogoscope.circuit-breakers.pricing.failure-threshold=3",
    "example.report.initial-delay=1h"})
class OperatorHttpTest {
  @TempDir
  static Path folder;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("example.db", () -> folder.resolve("operator.db").toString());
  }

  @Value("${local.server.port}")
  int port;

  @Test
  void theBreakerOpensHealthGoesDownAndAResetBringsItBackUp() throws Exception {
    Http http = new Http(port);
    assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);

    assertThat(http.get("/quotes/broken").statusCode()).isEqualTo(502); // three failed attempts: opens
    HttpResponse<String> refused = http.get("/quotes/apple");
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");

    HttpResponse<String> health = http.get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(health.body()).contains("\"status\":\"DOWN\"", "\"pricing\":\"OPEN\"");

    HttpResponse<String> reset = http.post("/actuator/gogoscope/pricing", "{\"action\":\"reset\"}");
    assertThat(reset.statusCode()).isEqualTo(200);
    assertThat(reset.body()).contains("\"state\":\"CLOSED\"");
    assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);
    assertThat(http.get("/quotes/apple").statusCode()).isEqualTo(200);
  }

  @Test
  void anOperatorCanHoldTheBreakerOpen() throws Exception {
    Http http = new Http(port);
    HttpResponse<String> forced = http.post("/actuator/gogoscope/pricing", "{\"action\":\"force-open\"}");
    assertThat(forced.statusCode()).isEqualTo(200);
    assertThat(forced.body()).contains("\"state\":\"FORCED_OPEN\"");
    assertThat(http.get("/quotes/apple").statusCode()).isEqualTo(503);
    assertThat(http.post("/actuator/gogoscope/pricing", "{\"action\":\"reset\"}").statusCode()).isEqualTo(200);
    assertThat(http.post("/actuator/gogoscope/nobody", "{\"action\":\"reset\"}").statusCode()).isEqualTo(404);
    assertThat(http.post("/actuator/gogoscope/pricing", "{\"action\":\"explode\"}").statusCode()).isEqualTo(400);
  }
}
