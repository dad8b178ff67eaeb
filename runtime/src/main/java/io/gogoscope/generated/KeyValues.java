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

  /** A {@code char} value, encoded (a lone surrogate, a separator, {@code %}, a control). */
  public static String of(char value) {
    return of(String.valueOf(value));
  }

  /** Whether {@code c} may separate references: no encoded value contains it. */
  public static boolean isSeparator(char c) {
    return SEPARATORS.indexOf(c) >= 0;
  }

  private static int firstToEncode(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (escaped(c)) {
        return i;
      }
      if (Character.isSurrogate(c)) {
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
    return c < 0x20 || c == 0x7F || c == '%' || isSeparator(c);
  }

  /** Whether a high surrogate at {@code i} is followed by a low one. */
  private static boolean pairAt(String value, int i) {
    return Character.isHighSurrogate(value.charAt(i))
        && i + 1 < value.length()
        && Character.isLowSurrogate(value.charAt(i + 1));
  }
}
