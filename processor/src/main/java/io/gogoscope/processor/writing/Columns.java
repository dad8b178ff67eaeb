package io.gogoscope.processor.writing;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps rendered source within {@value #LIMIT} columns where JavaPoet does not. JavaPoet wraps code
 * at the {@code $W} and {@code $Z} points it is given, but writes each Javadoc line and each type
 * declaration as one line, however long. So a Javadoc paragraph with a longer line is refilled
 * (block tags continue four columns in), and a type declaration's supertype clause
 * ({@code extends} of a class, {@code implements}) moves to a continuation line. Everything else is
 * copied as it is.
 */
public final class Columns {
  /** The widest line generated code should have. */
  public static final int LIMIT = 100;

  /** A continuation line's extra indent, as for code. */
  private static final String CONTINUATION = "    ";

  private Columns() {}

  /** {@code source} (as JavaPoet renders it), its Javadoc and type declarations wrapped. */
  public static String wrap(String source) {
    List<String> lines = source.lines().toList();
    StringBuilder out = new StringBuilder(source.length() + 256);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.strip().equals("/**")) {
        int end = i + 1;
        while (end < lines.size() && !lines.get(end).strip().equals("*/")) {
          end++;
        }
        String indent = line.substring(0, line.indexOf('/'));
        out.append(line).append('\n');
        javadoc(out, indent, lines.subList(i + 1, Math.min(end, lines.size())));
        if (end < lines.size()) {
          out.append(lines.get(end)).append('\n');
        }
        i = end;
        continue;
      }
      if (i + 1 < lines.size() && splitRecordHeader(line, lines.get(i + 1))) {
        line = line + lines.get(++i).stripLeading();
      }
      // JavaPoet puts each of four or more supertypes on a line of its own; code() fills them.
      while (line.contains(" implements ") && line.endsWith(",") && i + 1 < lines.size()) {
        line = line + " " + lines.get(++i).stripLeading();
      }
      // A wrap point right after "= " leaves that space at the end of the line.
      code(out, line.stripTrailing());
    }
    return out.toString();
  }

  /**
   * Whether JavaPoet broke a record's header after its opening parenthesis although the header up to
   * its {@code implements} clause fits on one line: then it is joined again, and {@link #code}
   * moves the clause instead, which reads better.
   */
  private static boolean splitRecordHeader(String line, String next) {
    int implementsAt = next.indexOf(") implements ");
    return line.endsWith("(") && isTypeDeclaration(line.strip()) && implementsAt > 0
        && line.length() + implementsAt + 1 - (next.length() - next.stripLeading().length()) <= LIMIT;
  }

  /**
   * A type declaration whose line is too long continues with its supertype clause ({@code extends}
   * of a class, or {@code implements}; also when JavaPoet already moved a record's components to a
   * line of their own), and a clause still too long (a shared error variant implements many
   * unions) is filled over further lines.
   */
  private static void code(StringBuilder out, String line) {
    int clauseAt = supertypeClause(line);
    boolean declaration = isTypeDeclaration(line.strip())
        || (clauseAt > 0 && line.charAt(clauseAt - 1) == ')' && line.endsWith(" {"));
    if (line.length() <= LIMIT || clauseAt <= 0 || !declaration) {
      out.append(line).append('\n');
      return;
    }
    String indent = line.substring(0, line.length() - line.stripLeading().length());
    out.append(line, 0, clauseAt).append('\n');
    String continuation = indent + CONTINUATION;
    String clause = line.substring(clauseAt + 1);
    String keyword = clause.substring(0, clause.indexOf(' '));
    StringBuilder current = new StringBuilder(continuation).append(keyword);
    String[] types = clause.substring(keyword.length() + 1).split(", ");
    for (int i = 0; i < types.length; i++) {
      String type = types[i] + (i < types.length - 1 ? "," : "");
      if (current.length() + 1 + type.length() > LIMIT) {
        out.append(current).append('\n');
        current = new StringBuilder(continuation).append(CONTINUATION).append(type);
      } else {
        current.append(' ').append(type);
      }
    }
    out.append(current).append('\n');
  }

  /**
   * Where the declaration's first supertype clause starts (the space before {@code extends} or
   * {@code implements}), outside type parameters and record components: {@code E extends Bound}
   * in {@code Errors<E extends Bound> extends UnionMapper<E>} is not one. -1 when there is none.
   */
  private static int supertypeClause(String line) {
    int depth = 0;
    for (int i = 0; i < line.length(); i++) {
      switch (line.charAt(i)) {
        case '<', '(' -> depth++;
        case '>', ')' -> depth--;
        case ' ' -> {
          if (depth <= 0 && (line.startsWith(" extends ", i) || line.startsWith(" implements ", i))) {
            return i;
          }
        }
        default -> {}
      }
    }
    return -1;
  }

  private static boolean isTypeDeclaration(String line) {
    for (String word : line.split(" ")) {
      switch (word) {
        case "class", "interface", "record", "enum" -> {
          return true;
        }
        case "public", "protected", "private", "static", "final", "abstract", "sealed", "non-sealed" -> {}
        default -> {
          return false;
        }
      }
    }
    return false;
  }

  /**
   * The body lines of one comment ({@code indent + " * " + text}, or {@code indent + " *"} for a
   * blank line), between its opening and closing lines, which the caller writes. A paragraph ends at a blank line and before a block tag ({@code @param}) or an HTML block
   * ({@code <p>}); one with a line over the limit is refilled, the others are kept as written.
   */
  private static void javadoc(StringBuilder out, String indent, List<String> body) {
    String prefix = indent + " * ";
    List<String> paragraph = new ArrayList<>();
    for (String line : body) {
      String text = line.startsWith(prefix) ? line.substring(prefix.length()) : "";
      boolean starts = text.isEmpty() || text.startsWith("@") || text.startsWith("<");
      if (starts) {
        paragraph(out, prefix, paragraph);
      }
      if (text.isEmpty()) {
        out.append(line).append('\n');
      } else {
        paragraph.add(line);
      }
    }
    paragraph(out, prefix, paragraph);
  }

  private static void paragraph(StringBuilder out, String prefix, List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    if (lines.stream().allMatch(line -> line.length() <= LIMIT)) {
      lines.forEach(line -> out.append(line).append('\n'));
      lines.clear();
      return;
    }
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(text.isEmpty() ? "" : " ").append(line.substring(prefix.length()).strip());
    }
    lines.clear();
    String continuation = text.charAt(0) == '@' ? prefix + CONTINUATION : prefix;
    StringBuilder current = new StringBuilder(prefix);
    boolean empty = true;
    for (String word : words(text.toString(), LIMIT - continuation.length())) {
      if (!empty && current.length() + 1 + word.length() > LIMIT) {
        out.append(current).append('\n');
        current = new StringBuilder(continuation);
        empty = true;
      }
      current.append(empty ? "" : " ").append(word);
      empty = false;
    }
    out.append(current).append('\n');
  }

  /**
   * The text split at spaces outside inline tags ({@code {@link A#b(C, D)}} stays whole), a tag
   * wider than {@code width} split again at its own spaces.
   */
  private static List<String> words(String text, int width) {
    List<String> words = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && depth > 0) {
        depth--;
      } else if (c == ' ' && depth == 0) {
        add(words, text.substring(start, i), width);
        start = i + 1;
      }
    }
    add(words, text.substring(start), width);
    return words;
  }

  private static void add(List<String> words, String word, int width) {
    if (word.isEmpty()) {
      return;
    }
    if (word.length() > width && word.contains(" ")) {
      for (String piece : word.split(" ")) {
        add(words, piece, width);
      }
    } else {
      words.add(word);
    }
  }
}
