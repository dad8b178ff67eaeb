package io.gogoscope.examples.boot;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** Renders the report (here: counts its runs). */
@Component
public class NightlyReport implements ReportJob {
  private final AtomicInteger runs = new AtomicInteger();

  @Override
  public String render() {
    return "report #" + runs.incrementAndGet() + " at " + Instant.now();
  }

  /** How many times the report was rendered. */
  public int runs() {
    return runs.get();
  }
}
