package io.gogoscope.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A quote service on gogoscope's Spring Boot starter: {@code GET /quotes/{sku}} asks a slow, flaky
 * pricing downstream through {@link PricingClient}'s {@code Scoped} bean and maps its typed union
 * to HTTP responses; {@link ReportJob} runs on a schedule under a lock in SQLite, so only one
 * instance of the service runs it at a time.
 */
@SpringBootApplication
@EnableScheduling
public class QuoteApplication {

  /** Starts the service (port 8080 unless {@code --server.port} says otherwise). */
  public static void main(String[] args) {
    SpringApplication.run(QuoteApplication.class, args);
  }
}
