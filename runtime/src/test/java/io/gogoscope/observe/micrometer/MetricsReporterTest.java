package io.gogoscope.observe.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // a reporter runs for the extent of a try block
class MetricsReporterTest {

  @Test
  void exportsAtEachIntervalAndOnceMoreOnClose() throws Exception {
    AtomicInteger exports = new AtomicInteger();
    List<String> received = new CopyOnWriteArrayList<>();
    CountDownLatch three = new CountDownLatch(3);
    MetricsReporter reporter =
        MetricsReporter.start(
            () -> "export " + exports.incrementAndGet(),
            Duration.ofMillis(10),
            text -> {
              received.add(text);
              three.countDown();
            });

    assertThat(three.await(30, TimeUnit.SECONDS)).isTrue();
    reporter.close();
    int afterClose = received.size();
    assertThat(received.getLast()).isEqualTo("export " + afterClose);

    Thread.sleep(50); // several intervals: nothing may arrive after close()
    assertThat(received).hasSize(afterClose);
    reporter.close(); // idempotent: no second final export
    assertThat(received).hasSize(afterClose);
  }

  @Test
  void aFailingExportIsReportedAndTheScheduleGoesOn() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    CountDownLatch recovered = new CountDownLatch(1);
    try (MetricsReporter reporter =
        MetricsReporter.builder(
                () -> {
                  if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("registry not ready");
                  }
                  return "ok";
                })
            .interval(Duration.ofMillis(10))
            .onExport(text -> recovered.countDown())
            .onError(errors::add)
            .exportOnClose(false)
            .start()) {
      assertThat(recovered.await(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(errors).singleElement().extracting(Throwable::getMessage).isEqualTo("registry not ready");
  }

  @Test
  void closeWaitsForAnExportInProgress() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicInteger finished = new AtomicInteger();
    MetricsReporter reporter =
        MetricsReporter.builder(() -> "text")
            .interval(Duration.ofMillis(5))
            .exportOnClose(false)
            .onExport(
                text -> {
                  started.countDown();
                  try {
                    Thread.sleep(100);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                  finished.incrementAndGet();
                })
            .start();
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
    reporter.close();
    assertThat(finished.get()).isEqualTo(1);
  }

  @Test
  void misuseSaysWhatToDo() {
    assertThatThrownBy(() -> MetricsReporter.builder(() -> "").start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("onExport");
    assertThatThrownBy(() -> MetricsReporter.builder(() -> "").interval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
  }
}
