package io.gogoscope.bench.report;

import java.util.Map;
import java.util.Optional;

/**
 * One measured target of DESIGN.md section 6, checked against a run: gogoscope's figure against a
 * bound made from a peer's figure in the same run (or from a fixed number).
 *
 * @param claim the target, as DESIGN.md states it
 * @param className the benchmark class
 * @param params the benchmark parameters ({@code tasks=10}, …)
 * @param ours gogoscope's benchmark method
 * @param peer the peer's benchmark method
 * @param kind how the two figures are compared
 * @param bound the factor or limit of {@code kind}
 * @param ifMissed what drives the figure and what would close a gap, shown when it is missed
 */
record Target(
    String claim,
    String className,
    Map<String, String> params,
    String ours,
    String peer,
    Kind kind,
    double bound,
    String ifMissed) {

  /** How a target compares. */
  enum Kind {
    /** Our time is at most {@code bound} times the peer's (or our throughput at least that). */
    RATIO,
    /** Our time exceeds the peer's by at most {@code bound}, in the benchmark's unit. */
    DIFFERENCE,
    /** Our allocation per operation is at most {@code bound} bytes. */
    ALLOCATION
  }

  /** The outcome: met, missed by how much, or not measured in this run. */
  record Verdict(Target target, String measured, Status status, String detail) {}

  /** Met, missed, or not part of the run. */
  enum Status {
    MET,
    MISSED,
    NOT_MEASURED
  }

  /** Checks this target against {@code results}. */
  Verdict check(Results results) {
    Optional<Measurement> mine = results.find(className, ours, params);
    Optional<Measurement> theirs = kind == Kind.ALLOCATION ? mine : results.find(className, peer, params);
    if (mine.isEmpty() || theirs.isEmpty()) {
      return new Verdict(this, "not in this run", Status.NOT_MEASURED, "");
    }
    Measurement us = mine.get();
    Measurement them = theirs.get();
    return switch (kind) {
      case RATIO -> ratio(us, them);
      case DIFFERENCE -> difference(us, them);
      case ALLOCATION -> allocation(us);
    };
  }

  private Verdict ratio(Measurement us, Measurement them) {
    String measured = Figures.withError(us.score(), us.error()) + " vs " + Figures.withError(them.score(), them.error())
        + " " + us.unit() + " (" + Figures.ratio(us.score() / them.score()) + ")";
    double limit = bound * them.score();
    boolean met = us.higherIsBetter() ? us.score() >= limit : us.score() <= limit;
    if (met) {
      return new Verdict(this, measured, Status.MET, "");
    }
    // How far from the bound, and whether the error bars reach it.
    double by = us.higherIsBetter() ? 1 - us.score() / limit : us.score() / limit - 1;
    boolean reaches = us.higherIsBetter() ? us.high() >= bound * them.low() : us.low() <= bound * them.high();
    return new Verdict(this, measured, Status.MISSED,
        "missed by " + Figures.percent(by) + (reaches ? " (within the error bars)" : ""));
  }

  private Verdict difference(Measurement us, Measurement them) {
    double extra = us.score() - them.score();
    String measured = Figures.withError(us.score(), us.error()) + " vs " + Figures.withError(them.score(), them.error())
        + " " + us.unit() + " (+" + Figures.plain(extra) + " " + us.unit().replace("/op", "") + ")";
    if (extra <= bound) {
      return new Verdict(this, measured, Status.MET, "");
    }
    return new Verdict(this, measured, Status.MISSED,
        "missed by " + Figures.plain(extra - bound) + " " + us.unit().replace("/op", ""));
  }

  private Verdict allocation(Measurement us) {
    String measured = Figures.bytes(us.bytesPerOp()) + " B/op";
    if (Double.isNaN(us.bytesPerOp())) {
      return new Verdict(this, "no -prof gc figure", Status.NOT_MEASURED, "");
    }
    if (us.bytesPerOp() <= bound) {
      return new Verdict(this, measured, Status.MET, "");
    }
    return new Verdict(this, measured, Status.MISSED,
        "missed by " + Figures.bytes(us.bytesPerOp() - bound) + " B/op");
  }
}
