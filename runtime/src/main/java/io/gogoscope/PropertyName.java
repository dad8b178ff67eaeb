package io.gogoscope;

import java.util.ArrayList;
import java.util.List;

/**
 * A configuration property's name, split into its parts. Three shapes:
 * <ul>
 *   <li>{@code gogoscope.<policy>.enabled}: the switch of a policy on every task;
 *   <li>{@code gogoscope.tasks.<task>.<policy>.<setting>}: a setting of one task's policy;
 *   <li>{@code gogoscope.circuit-breakers.<breaker>.<setting>}: a setting of one named breaker.
 * </ul>
 * A task or breaker name that holds dots is quoted ({@code "users.fetchUser"}) or put in brackets
 * ({@code tasks[users.fetchUser]} or {@code tasks.[users.fetchUser]}, as Spring writes map keys);
 * one without dots may stand bare.
 *
 * @param text the name as written
 * @param segments its parts, quotes and brackets removed
 */
record PropertyName(String text, List<String> segments) {

  static final String PREFIX = "gogoscope";

  /** {@code text} split at its dots (outside quotes and brackets); {@code null} when malformed. */
  static PropertyName parse(String text) {
    List<String> segments = new ArrayList<>();
    int i = 0;
    while (i <= text.length()) {
      if (i == text.length()) {
        return null; // empty last segment: "a." or ""
      }
      char c = text.charAt(i);
      int end;
      String segment;
      if (c == '"' || c == '[') {
        char close = c == '"' ? '"' : ']';
        int closing = text.indexOf(close, i + 1);
        if (closing < 0) {
          return null;
        }
        segment = text.substring(i + 1, closing);
        end = closing + 1;
      } else {
        end = i;
        while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
          end++;
        }
        segment = text.substring(i, end);
        if (segment.indexOf('"') >= 0 || segment.indexOf('[') >= 0 || segment.indexOf(']') >= 0) {
          return null;
        }
      }
      if (segment.isEmpty()) {
        return null;
      }
      segments.add(segment);
      if (end == text.length()) {
        return new PropertyName(text, List.copyOf(segments));
      }
      if (text.charAt(end) == '[') {
        i = end; // Spring's map key: tasks[users.fetchUser], no dot before the bracket
      } else if (text.charAt(end) == '.') {
        i = end + 1;
      } else {
        return null;
      }
    }
    return null;
  }

  /** The canonical spelling of a task or breaker name: bare without dots, else quoted. */
  static String quote(String name) {
    return name.indexOf('.') < 0 && name.indexOf('"') < 0 && name.indexOf('[') < 0 ? name : '"' + name + '"';
  }

  int size() {
    return segments.size();
  }

  String segment(int index) {
    return segments.get(index);
  }
}
