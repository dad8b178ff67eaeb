package io.gogoscope.examples.boot;

import io.gogoscope.Result;
import io.gogoscope.examples.boot.ScopedReportJob.RenderError;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Runs {@link ReportJob} on a schedule ({@code example.report.every}, default a minute) through its
 * {@code Scoped} bean, so the run holds the lock {@code report:nightly}; {@code GET /report} tells
 * how the last attempt went.
 */
@RestController
public class ReportScheduler {
  private static final Log log = LogFactory.getLog(ReportScheduler.class);

  private final ScopedReportJob job;
  private final NightlyReport report;
  private final AtomicReference<String> last = new AtomicReference<>("not run yet");

  /** Runs {@code job}, whose delegate is {@code report}. */
  public ReportScheduler(ScopedReportJob job, NightlyReport report) {
    this.job = job;
    this.report = report;
  }

  /** One scheduled run: rendered, or skipped because another instance holds the lock. */
  @Scheduled(fixedDelayString = "${example.report.every:PT1M}", initialDelayString = "${example.report.initial-delay:PT5S}")
  public void run() {
    String outcome = switch (job.render()) {
      case Result.Ok<RenderError, String>(String rendered) -> "rendered " + rendered;
      case Result.Err<RenderError, String>(RenderError.LockUnavailable held) -> "skipped: " + held.key() + " is held";
      case Result.Err<RenderError, String>(RenderError error) -> "failed: " + error;
    };
    last.set(outcome);
    log.info("nightly report: " + outcome);
  }

  /** The runs so far and the last outcome. */
  @GetMapping("/report")
  public Map<String, Object> status() {
    return Map.of("runs", report.runs(), "last", last.get());
  }
}
