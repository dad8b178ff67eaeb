package io.gogoscope.generated;

/**
 * Writes the values that generated code substitutes into lock and rate-limit keys, so that distinct
 * arguments give distinct keys.
 *
 * <p>A key template such as {@code "order:{a}:{b}"} joins values with separators; if a value could
 * contain the separator, {@code ("1:2", "3")} and {@code ("1", "2:3")} would share the key
 * {@code order:1:2:3}, and a {@code null} would share {@code "null"}'s key. So each substituted value
 * is percent-encoded where it holds one of the key separators {@code : / | , ; = # { }}, the escape
 * character {@code %} itself, or a character no store keeps apart from others; {@code null} becomes
 * {@code %null}. Ordinary ids stay as they are: {@code order:{a}:{b}} with 42 and 7 is
 * {@code order:42:7}.
 *
 * <ul>
 *   <li>{@code : / | , ; = # { } %} and the control characters U+0000 to U+001F and U+007F become
 *       {@code %XX}, two upper-case hex digits ({@code a:b} is {@code a%3Ab}, {@code 100%} is
 *       {@code 100%25}).
 *   <li>A lone UTF-16 surrogate (half of a pair, which UTF-8 cannot hold) becomes {@code %uXXXX}
 *       ({@code "s\uD800"} is {@code s%uD800}); well-formed pairs, like all other text, stay.
 *   <li>{@code null} becomes {@code %null}: no encoded text starts its escape with {@code n}.
 * </ul>
 *
 * <p>The encoding is injective, and an encoded value never contains a separator, so a template
 * whose references are separated by literal text holding at least one separator (the processor
 * checks it, {@code GGS-KEY-SEPARATOR}) gives distinct keys to distinct argument tuples; and every
 * encoded value is well-formed UTF-16 without NUL, which every store takes. A value without anything
 * to encode is returned as it is, without allocating.
 */
public final class KeyValues {

  /** What a {@code null} value reads as. */
  public static final String NULL = "%null";

  /** The characters that may separate references in a key template; no encoded value holds one. */
  public static final String SEPARATORS = ":/|,;={}#";

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /*
   * Lookup tables of the ASCII characters as two 64-bit masks each: bit c of the LOW mask for
   * c < 64, bit c - 64 of the HIGH mask for 64 <= c < 128. A character costs one shift and test,
   * where a scan of SEPARATORS cost up to nine comparisons per character.
   */
  private static final long SEPARATOR_LOW;
  private static final long SEPARATOR_HIGH;
  /** The characters written as {@code %XX}: the separators, {@code %}, the controls. */
  private static final long ESCAPED_LOW;
  private static final long ESCAPED_HIGH;

  static {
    long low = 0;
    long high = 0;
    for (char c : SEPARATORS.toCharArray()) {
      if (c < 64) {
        low |= 1L << c;
      } else {
        high |= 1L << (c - 64);
      }
    }
    SEPARATOR_LOW = low;
    SEPARATOR_HIGH = high;
    ESCAPED_LOW = low | 0xFFFF_FFFFL /* U+0000 to U+001F */ | 1L << '%';
    ESCAPED_HIGH = high | 1L << (0x7F - 64);
  }

  private KeyValues() {}

  /** {@code value}'s text ({@link String#valueOf(Object)}), encoded; {@code null} is {@link #NULL}. */
  public static String of(Object value) {
    return value == null ? NULL : of(value.toString());
  }

  /** {@code value}, encoded; {@code null} is {@link #NULL}. */
  public static String of(String value) {
    if (value == null) {
      return NULL;
    }
    int first = firstToEncode(value);
    return first < 0 ? value : encode(value, first);
  }

  /**
   * An integral value ({@code long}, {@code int}, {@code short}, {@code byte}), which never needs
   * encoding: its decimal text, without boxing it first.
   */
  public static String of(long value) {
    return Long.toString(value);
  }

  /** A {@code char} value, encoded (a lone surrogate, a separator, {@code %}, a control). */
  public static String of(char value) {
    return of(String.valueOf(value));
  }

  /** Whether {@code c} may separate references: no encoded value contains it. */
  public static boolean isSeparator(char c) {
    return in(c, SEPARATOR_LOW, SEPARATOR_HIGH);
  }

  /** The index of the first character to encode, or -1; an ASCII character costs one table look. */
  private static int firstToEncode(String value) {
    for (int i = 0, length = value.length(); i < length; i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        if (escaped(c)) {
          return i;
        }
      } else if (Character.isSurrogate(c)) {
        if (!pairAt(value, i)) {
          return i;
        }
        i++;
      }
    }
    return -1;
  }

  private static String encode(String value, int first) {
    StringBuilder encoded = new StringBuilder(value.length() + 8).append(value, 0, first);
    for (int i = first; i < value.length(); i++) {
      char c = value.charAt(i);
      if (escaped(c)) {
        encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      } else if (Character.isSurrogate(c) && !pairAt(value, i)) {
        encoded.append("%u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF])
            .append(HEX[c & 0xF]);
      } else if (Character.isSurrogate(c)) {
        encoded.append(c).append(value.charAt(++i)); // a well-formed pair stays
      } else {
        encoded.append(c);
      }
    }
    return encoded.toString();
  }

  /** {@code %}, a separator or a control character (all below U+0080, so two hex digits). */
  private static boolean escaped(char c) {
    return in(c, ESCAPED_LOW, ESCAPED_HIGH);
  }

  /** Whether ASCII {@code c}'s bit is set in the table {@code low}, {@code high}. */
  private static boolean in(char c, long low, long high) {
    // A long's shift distance is taken modulo 64, so c itself picks its bit in either mask.
    return c < 0x80 && ((c < 0x40 ? low : high) >>> c & 1L) != 0;
  }

  /** Whether a high surrogate at {@code i} is followed by a low one. */
  private static boolean pairAt(String value, int i) {
    return Character.isHighSurrogate(value.charAt(i))
        && i + 1 < value.length()
        && Character.isLowSurrogate(value.charAt(i + 1));
  }
}
