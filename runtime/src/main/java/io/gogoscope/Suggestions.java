package io.gogoscope;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean …?" for a misspelt name: the closest known name by edit distance, if close enough. */
final class Suggestions {

  /** The known name closest to {@code given}, or {@code null} when none is plausibly meant. */
  static String closest(String given, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String lower = given.toLowerCase(Locale.ROOT);
    for (String candidate : known) {
      int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    // A third of the name may be wrong (at least two edits): typos, not a different word.
    return best != null && bestDistance <= Math.max(2, given.length() / 3) ? best : null;
  }

  /** ", did you mean X?" or nothing. */
  static String didYouMean(String given, Collection<String> known) {
    String closest = closest(given, known);
    return closest == null ? "" : "; did you mean " + closest + "?";
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private Suggestions() {}
}
