package io.gogoscope.bench.report;

/**
 * gogoscope's figure against a peer's, measured in the same run.
 *
 * @param ours gogoscope's measurement
 * @param peer the peer's measurement of the same policies and parameters
 */
record Comparison(Measurement ours, Measurement peer) {

  /**
   * How many times better gogoscope is: the peer's time over ours, or our throughput over the
   * peer's. Above 1, gogoscope is faster.
   */
  double speedup() {
    return ours.higherIsBetter() ? ours.score() / peer.score() : peer.score() / ours.score();
  }

  /** Whether the two confidence intervals overlap: the difference is within the error bars. */
  boolean withinError() {
    return ours.low() <= peer.high() && peer.low() <= ours.high();
  }

  /**
   * {@code 3.2× faster (3.2×)}, {@code 1.4× slower (0.71×)} or {@code same within error (0.98×)};
   * against the bare call ({@code direct}), what gogoscope adds to it.
   */
  String verdict() {
    if (peer.library().equals("direct")) {
      return "adds " + Figures.plain(ours.score() - peer.score()) + " " + ours.unit().replace("/op", "")
          + " to the bare call";
    }
    return outcome() + " (" + Figures.ratio(speedup()) + ")";
  }

  private String outcome() {
    if (withinError()) {
      return "same within error";
    }
    double speedup = speedup();
    return speedup >= 1
        ? Figures.ratio(speedup) + " faster"
        : Figures.ratio(1 / speedup) + " slower";
  }
}
