package io.gogoscope.bench.report;

import java.util.ArrayList;
import java.util.List;

/** A Markdown table, built row by row. */
final class MarkdownTable {

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  MarkdownTable(String... header) {
    this.header = List.of(header);
  }

  MarkdownTable row(String... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException(
          cells.length + " cells for " + header.size() + " columns: " + List.of(cells));
    }
    rows.add(List.of(cells));
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  void appendTo(StringBuilder out) {
    line(out, header);
    out.append('|');
    header.forEach(column -> out.append("---|"));
    out.append('\n');
    rows.forEach(row -> line(out, row));
    out.append('\n');
  }

  private static void line(StringBuilder out, List<String> cells) {
    out.append('|');
    cells.forEach(cell -> out.append(' ').append(cell.replace("|", "\\|")).append(" |"));
    out.append('\n');
  }
}
