package io.gogoscope.bench.infra;

import io.gogoscope.Result;

/** Takes the value out of a gogoscope {@link Result} the way a caller's {@code switch} would. */
public final class Outcomes {

  private Outcomes() {}

  /**
   * The value of an {@link Result.Ok}. An error fails the benchmark at once: a variant that
   * quietly measured its failure path would compare unequal work.
   */
  public static <T> T value(Result<?, T> result) {
    if (result instanceof Result.Ok<?, T> ok) {
      return ok.value();
    }
    throw new IllegalStateException("a benchmarked call failed, so its figure would be wrong: " + result);
  }
}
