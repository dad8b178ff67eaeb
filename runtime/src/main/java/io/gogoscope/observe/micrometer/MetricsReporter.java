package io.gogoscope.observe.micrometer;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Hands exported metrics text to a callback at a fixed interval, on a daemon thread of its own,
 * until {@linkplain #close() closed}. For Prometheus text, export from a
 * {@code PrometheusMeterRegistry} (micrometer-registry-prometheus):
 *
 * <pre>{@code
 * try (MetricsReporter reporter = MetricsReporter.builder(prometheus::scrape)
 *     .interval(Duration.ofMinutes(1))
 *     .onExport(text -> push(text))
 *     .start()) {
 *   runTheApplication();
 * }
 * }</pre>
 *
 * <p>An export or callback that throws is passed to {@link Builder#onError} (by default logged as a
 * warning) and the next interval runs as usual. {@link #close()} stops the schedule, waits for an
 * export in progress to finish, and then (unless disabled with {@link Builder#exportOnClose}) makes
 * one last export on the closing thread, so the counts since the last interval are not lost. No
 * callback runs after {@code close()} returns.
 */
public final class MetricsReporter implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(MetricsReporter.class.getName());

  private final Supplier<String> exporter;
  private final Consumer<String> onExport;
  private final Consumer<Throwable> onError;
  private final boolean exportOnClose;
  private final Duration closeWait;
  private final ScheduledExecutorService schedule;
  private boolean closed; // guarded by this

  private MetricsReporter(Builder builder) {
    this.exporter = builder.exporter;
    this.onExport = builder.onExport;
    this.onError = builder.onError;
    this.exportOnClose = builder.exportOnClose;
    this.closeWait = builder.closeWait;
    this.schedule =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("gogoscope-metrics-reporter").daemon().factory());
    long period = builder.interval.toNanos();
    schedule.scheduleAtFixedRate(this::exportOnce, period, period, TimeUnit.NANOSECONDS);
  }

  /**
   * Reports {@code exporter}'s text to {@code onExport} every {@code interval}.
   *
   * @see Builder
   */
  public static MetricsReporter start(
      Supplier<String> exporter, Duration interval, Consumer<String> onExport) {
    return builder(exporter).interval(interval).onExport(onExport).start();
  }

  /** Starts configuring a reporter of the text {@code exporter} returns. */
  public static Builder builder(Supplier<String> exporter) {
    return new Builder(Objects.requireNonNull(exporter, "exporter (e.g. prometheusRegistry::scrape)"));
  }

  private void exportOnce() {
    try {
      onExport.accept(exporter.get());
    } catch (RuntimeException failure) {
      // Reported, not rethrown: a scheduled task that throws is never run again.
      onError.accept(failure);
    }
  }

  /**
   * Stops reporting: no new export starts, one in progress is waited for (up to the
   * {@linkplain Builder#closeWait close wait}, then interrupted), and a last export runs unless
   * disabled. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    schedule.shutdown();
    boolean interrupted = false;
    try {
      if (!schedule.awaitTermination(closeWait.toNanos(), TimeUnit.NANOSECONDS)) {
        schedule.shutdownNow();
        onError.accept(
            new IllegalStateException(
                "a metrics export was still running "
                    + closeWait
                    + " after close(); it was interrupted and no final export was made"));
        return;
      }
    } catch (InterruptedException e) {
      interrupted = true;
      schedule.shutdownNow();
    }
    if (exportOnClose && !interrupted) {
      exportOnce();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Configures a {@link MetricsReporter}. */
  public static final class Builder {
    private final Supplier<String> exporter;
    private Duration interval = Duration.ofMinutes(1);
    private Consumer<String> onExport;
    private Consumer<Throwable> onError =
        failure -> LOG.log(System.Logger.Level.WARNING, "metrics export failed", failure);
    private boolean exportOnClose = true;
    private Duration closeWait = Duration.ofSeconds(10);

    private Builder(Supplier<String> exporter) {
      this.exporter = exporter;
    }

    /**
     * How often to export (default one minute).
     *
     * @throws IllegalArgumentException when {@code interval} is not positive
     */
    public Builder interval(Duration interval) {
      this.interval = positive(interval, "interval");
      return this;
    }

    /** Receives each export; required. */
    public Builder onExport(Consumer<String> onExport) {
      this.onExport = Objects.requireNonNull(onExport, "onExport");
      return this;
    }

    /** Receives what an export or {@link #onExport} callback threw (default: logged as a warning). */
    public Builder onError(Consumer<Throwable> onError) {
      this.onError = Objects.requireNonNull(onError, "onError");
      return this;
    }

    /** Whether {@link MetricsReporter#close()} makes one last export (default {@code true}). */
    public Builder exportOnClose(boolean exportOnClose) {
      this.exportOnClose = exportOnClose;
      return this;
    }

    /** How long {@link MetricsReporter#close()} waits for an export in progress (default 10 s). */
    public Builder closeWait(Duration closeWait) {
      this.closeWait = positive(closeWait, "closeWait");
      return this;
    }

    /**
     * Starts reporting; the first export comes one interval from now.
     *
     * @throws IllegalStateException when no {@link #onExport} callback was given
     */
    public MetricsReporter start() {
      if (onExport == null) {
        throw new IllegalStateException(
            "a MetricsReporter needs somewhere to send the text: call onExport(text -> ...) before start()");
      }
      return new MetricsReporter(this);
    }

    private static Duration positive(Duration value, String what) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(what + " must be a positive duration; got " + value);
      }
      return value;
    }
  }
}
