package io.gogoscope.examples.monitoring;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the metric names out of a PromQL expression (enough PromQL for dashboards and rules). */
final class PromQl {
  private PromQl() {}

  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
  private static final Pattern LABEL_LISTS =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring",
          "group_left", "group_right", "inf", "nan", "atan2");

  /** The metric names {@code expression} selects, e.g. {@code rate(a_total[5m]) / b} gives a_total, b. */
  static Set<String> metricNames(String expression) {
    String bare = STRING.matcher(expression).replaceAll("\"\"");
    bare = MATCHERS.matcher(bare).replaceAll(" ");
    bare = RANGES.matcher(bare).replaceAll(" ");
    bare = LABEL_LISTS.matcher(bare).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher identifier = IDENTIFIER.matcher(bare);
    while (identifier.find()) {
      String token = identifier.group();
      int before = identifier.start() - 1;
      if (before >= 0 && (Character.isDigit(bare.charAt(before)) || bare.charAt(before) == '.')) {
        continue; // the unit of a duration (offset 5m) or an exponent
      }
      if (KEYWORDS.contains(token.toLowerCase(java.util.Locale.ROOT)) || isCall(bare, identifier.end())) {
        continue;
      }
      names.add(token);
    }
    return names;
  }

  private static boolean isCall(String text, int end) {
    int i = end;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i < text.length() && text.charAt(i) == '(';
  }
}
