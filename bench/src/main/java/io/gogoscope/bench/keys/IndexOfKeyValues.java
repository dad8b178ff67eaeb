package io.gogoscope.bench.keys;

/**
 * The scan of {@code io.gogoscope.KeyValues} before its lookup tables (a value with nothing to
 * encode only: what {@link KeyBenchmark} measures it on): each character was tested against the
 * separators' string with {@link String#indexOf(int)}.
 */
final class IndexOfKeyValues {
  private static final String SEPARATORS = ":/|,;={}#";

  private IndexOfKeyValues() {}

  static String of(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7F || c == '%' || SEPARATORS.indexOf(c) >= 0) {
        throw new IllegalArgumentException("the benchmark's values need no encoding");
      }
      if (Character.isSurrogate(c)) {
        i++; // the benchmark's values hold no surrogates; kept for the same loop shape
      }
    }
    return value;
  }
}
