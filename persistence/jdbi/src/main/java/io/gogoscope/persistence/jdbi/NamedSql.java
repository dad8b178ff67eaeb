package io.gogoscope.persistence.jdbi;

import java.util.ArrayList;
import java.util.List;

/**
 * A statement with {@code :name} parameters, turned once into the {@code ?} form JDBC prepares and
 * the parameter names in order.
 *
 * <p>Why not Jdbi's statements: the stores run a handful of fixed statements on every lock, rate-limit
 * and circuit operation, and Jdbi's per-statement machinery (parsing, binding, mapper lookup) cost
 * about 10 kB of allocation and a fifth of the time of a PostgreSQL lock pair. Parsing once at
 * start-up and binding positionally costs nothing per call. The connections come from the user's
 * pool or their {@link org.jdbi.v3.core.Jdbi}.
 *
 * @param jdbc the text with each parameter replaced by {@code ?}
 * @param names the parameter names, in the order of the {@code ?}s (a name may repeat)
 */
record NamedSql(String jdbc, List<String> names) {

  NamedSql {
    names = List.copyOf(names);
  }

  /**
   * Parses {@code text}. A parameter is a colon and a Java-style name; a double colon (PostgreSQL's
   * cast, {@code ::bigint}) and anything inside single or double quotes stay as written.
   */
  static NamedSql parse(String text) {
    StringBuilder jdbc = new StringBuilder(text.length());
    List<String> names = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"') {
        int end = text.indexOf(c, i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated quote at " + i + " in: " + text);
        }
        jdbc.append(text, i, end + 1);
        i = end + 1;
      } else if (c == ':' && i + 1 < text.length() && text.charAt(i + 1) == ':') {
        jdbc.append("::");
        i += 2;
      } else if (c == ':' && i + 1 < text.length() && Character.isJavaIdentifierStart(text.charAt(i + 1))) {
        int end = i + 2;
        while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
          end++;
        }
        names.add(text.substring(i + 1, end));
        jdbc.append('?');
        i = end;
      } else {
        jdbc.append(c);
        i++;
      }
    }
    return new NamedSql(jdbc.toString(), names);
  }
}
