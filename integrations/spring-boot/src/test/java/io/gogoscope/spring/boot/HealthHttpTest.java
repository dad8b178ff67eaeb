package io.gogoscope.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.Result;
import io.gogoscope.spring.boot.app.ScopedGreeter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The health contributor and the endpoint as an application gets them: every auto-configuration on
 * the class path, a real web server on a random port, {@code /actuator/health} and
 * {@code /actuator/gogoscope} asked over HTTP. The boot35-test module runs this class on Spring
 * Boot 3.5, where the contributor is Boot 3's {@code HealthIndicator}: health goes DOWN when a
 * breaker opens and back UP after a reset through the endpoint on both.
 */
@SpringBootTest(classes = HealthHttpTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "management.endpoints.web.exposure.include=health,gogoscope",
        "management.endpoint.health.show-details=always",
        "management.endpoint.gogoscope.access=unrestricted",
        "management.health.db.enabled=false"})
class HealthHttpTest {

  /** An application: Boot's auto-configuration and one bean implementing an @ScopeTask interface. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(Contexts.GreeterApp.class)
  static class App {}

  @TempDir
  static Path folder;

  /** spring-boot-starter-jdbc is on the test class path: its DataSource gets an SQLite file. */
  @DynamicPropertySource
  static void dataSource(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:sqlite:" + folder.resolve("app.db"));
  }

  @Value("${local.server.port}")
  int port;

  @Autowired
  ScopedGreeter greeter;

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void healthGoesDownWhenABreakerOpensAndBackUpAfterAResetThroughTheEndpoint() throws Exception {
    HttpResponse<String> up = get("/actuator/health");
    assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
    assertThat(up.body()).contains("\"status\":\"UP\"", "circuitBreakers");

    assertThat(greeter.greet("broken")).isInstanceOf(Result.Err.class); // two failed attempts: opens
    HttpResponse<String> down = get("/actuator/health");
    assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
    assertThat(down.body()).contains("\"status\":\"DOWN\"", "\"greetings\":\"OPEN\"");

    HttpResponse<String> listed = get("/actuator/gogoscope");
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    assertThat(listed.body()).contains("greetings", "OPEN");

    HttpResponse<String> reset = post("/actuator/gogoscope/greetings", "{\"action\":\"reset\"}");
    assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
    assertThat(reset.body()).contains("\"state\":\"CLOSED\"");
    HttpResponse<String> upAgain = get("/actuator/health");
    assertThat(upAgain.statusCode()).as(upAgain.body()).isEqualTo(200);
    assertThat(upAgain.body()).contains("\"greetings\":\"CLOSED\"");
    assertThat(greeter.greet("ada")).isEqualTo(new Result.Ok<>("hello ada"));
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
