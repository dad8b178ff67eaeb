package io.gogoscope.bench.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Formats figures with as many digits as their error bars justify. */
final class Figures {

  private Figures() {}

  /** {@code 38.1 ± 1.2}: the error to two significant digits, the score to the same place. */
  static String withError(double score, double error) {
    if (Double.isNaN(score)) {
      return "n/a";
    }
    if (Double.isNaN(error) || error <= 0) {
      return plain(score) + " ± n/a";
    }
    int decimals = Math.max(0, decimalsFor(error));
    return fixed(score, decimals) + " ± " + fixed(error, decimals);
  }

  /** At least three significant digits (all integer digits of large values), no exponent. */
  static String plain(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    if (value == 0) {
      return "0";
    }
    int decimals = Math.max(0, 2 - (int) Math.floor(Math.log10(Math.abs(value))));
    return fixed(value, decimals);
  }

  /** Allocation per operation: whole bytes, {@code ≈ 0} below one byte. */
  static String bytes(double bytesPerOp) {
    if (Double.isNaN(bytesPerOp)) {
      return "n/a";
    }
    if (bytesPerOp < 1) {
      return "≈ 0";
    }
    return String.format(Locale.ROOT, "%,.0f", bytesPerOp);
  }

  /** A ratio such as {@code 12.3×}. */
  static String ratio(double ratio) {
    return plain(ratio) + "×";
  }

  /** A percentage such as {@code 12 %} or {@code 0.4 %} (at least two significant digits below 10 %). */
  static String percent(double fraction) {
    double percent = fraction * 100;
    return (Math.abs(percent) >= 10 ? String.format(Locale.ROOT, "%.0f", percent) : plain(percent)) + " %";
  }

  private static int decimalsFor(double error) {
    int magnitude = (int) Math.floor(Math.log10(error));
    return 1 - magnitude;
  }

  private static String fixed(double value, int decimals) {
    return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
  }
}
