package io.gogoscope.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.svg.SVGGraphics2D;

/**
 * Charts of RESULTS.md: one SVG per benchmark table, in {@code charts/} beside it, named after the
 * benchmark class. Each draws every row of its table (gogoscope and each peer side by side per
 * policy set and parameters) as a bar on a log scale, with the 99.9 % confidence interval as error
 * bars. They are read from the Markdown itself, so a chart always shows the figures of the run
 * that the table beside it shows; {@code SuiteRunner} draws them right after writing the report.
 */
public final class ResultsCharts {
  private static final Pattern SCORE =
      Pattern.compile("([0-9.,]+(?:[eE][-+]?\\d+)?) ± ([0-9.,]+(?:[eE][-+]?\\d+)?|n/a)");
  private static final Pattern BENCHMARK = Pattern.compile("^`(\\w+)`: .*");
  private static final Font FONT = new Font("DejaVu Sans", Font.PLAIN, 12);
  private static final Color GOGOSCOPE = new Color(0x1f, 0x77, 0xb4);
  private static final Color[] PEERS = {
    new Color(0xff, 0x7f, 0x0e), new Color(0x2c, 0xa0, 0x2c), new Color(0xd6, 0x27, 0x28),
    new Color(0x94, 0x67, 0xbd), new Color(0x8c, 0x56, 0x4b), new Color(0x7f, 0x7f, 0x7f),
  };

  private ResultsCharts() {}

  /** One row of a figures table. */
  record Row(String library, String category, double score, double error, String unit) {}

  /** One figures table: the section's title, the benchmark class and its rows. */
  record Table(String title, String benchmark, List<Row> rows) {}

  /**
   * Redraws the charts of a report: {@code ResultsCharts [RESULTS.md]} (default
   * {@code bench/RESULTS.md}), for a report edited by hand or charts deleted.
   */
  public static void main(String[] args) throws IOException {
    for (Path chart : write(Path.of(args.length > 0 ? args[0] : "bench/RESULTS.md"))) {
      System.out.println("wrote " + chart);
    }
  }

  /** Writes report's tables as {@code charts/<benchmark>.svg} beside it; returns the files. */
  public static List<Path> write(Path report) throws IOException {
    Path folder = report.toAbsolutePath().getParent().resolve("charts");
    Files.createDirectories(folder);
    List<Path> written = new ArrayList<>();
    for (Table table : read(Files.readString(report))) {
      Path file = folder.resolve(table.benchmark() + ".svg");
      Files.writeString(file, svg(table));
      written.add(file);
    }
    return written;
  }

  /** The Markdown link {@link ResultsReport} puts under a section to show its chart. */
  static String link(String title, String benchmark) {
    return "![" + title + ": each library's score, log scale, 99.9 % confidence intervals](charts/"
        + benchmark + ".svg)";
  }

  /** The figures tables of a RESULTS.md (those whose header starts with library and policies). */
  static List<Table> read(String markdown) {
    List<Table> tables = new ArrayList<>();
    List<String> lines = markdown.lines().toList();
    String title = "";
    String benchmark = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher named = BENCHMARK.matcher(line);
      if (line.startsWith("## ")) {
        title = line.substring(3).strip();
        benchmark = null;
      } else if (named.matches()) {
        benchmark = named.group(1);
      } else if (benchmark != null && line.startsWith("| library | policies |")) {
        List<String> header = cells(line);
        List<Row> rows = new ArrayList<>();
        for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
          rows.add(row(header, cells(lines.get(i))));
        }
        tables.add(new Table(title, benchmark, List.copyOf(rows)));
        benchmark = null;
      }
    }
    return List.copyOf(tables);
  }

  private static Row row(List<String> header, List<String> cells) {
    String library = cells.get(header.indexOf("library")).replace("**", "");
    String category = cells.get(header.indexOf("policies"));
    int params = header.indexOf("params");
    if (params >= 0 && !cells.get(params).isEmpty()) {
      category = category + " (" + cells.get(params) + ")";
    }
    Matcher score = SCORE.matcher(cells.get(header.indexOf("score")));
    if (!score.matches()) {
      throw new IllegalArgumentException("not a score ± error: " + cells);
    }
    double error = score.group(2).equals("n/a") ? 0 : number(score.group(2));
    return new Row(library, category, number(score.group(1)), error, cells.get(header.indexOf("unit")));
  }

  private static double number(String text) {
    return Double.parseDouble(text.replace(",", ""));
  }

  private static List<String> cells(String line) {
    String inner = line.strip();
    inner = inner.substring(1, inner.length() - 1);
    List<String> cells = new ArrayList<>();
    for (String cell : inner.split("\\|", -1)) {
      cells.add(cell.strip());
    }
    return cells;
  }

  /** The table as an SVG document: horizontal bars per category, one colour per library. */
  static String svg(Table table) {
    String unit = table.rows().getFirst().unit();
    DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
    Set<String> libraries = new LinkedHashSet<>();
    table.rows().stream().filter(r -> r.library().equals("gogoscope")).forEach(r -> libraries.add(r.library()));
    table.rows().forEach(r -> libraries.add(r.library()));
    Set<String> categories = new LinkedHashSet<>();
    table.rows().forEach(r -> categories.add(r.category()));
    double low = Double.MAX_VALUE;
    double high = 0;
    boolean cut = false;
    for (String library : libraries) {
      for (Row r : table.rows()) {
        if (r.library().equals(library) && r.unit().equals(unit) && r.score() > 0) {
          // A log axis has no zero: an interval reaching it is cut at a hundredth of the score.
          double error = Math.min(r.error(), r.score() * 0.99);
          cut |= error < r.error();
          data.add(r.score(), error, library, r.category());
          low = Math.min(low, r.score() - error);
          high = Math.max(high, r.score() + error);
        }
      }
    }

    CategoryAxis categoryAxis = new CategoryAxis();
    categoryAxis.setTickLabelFont(FONT);
    categoryAxis.setMaximumCategoryLabelLines(2);
    // LogarithmicAxis labels its ticks with plain text (LogAxis draws them as glyph outlines).
    LogarithmicAxis valueAxis = new LogarithmicAxis(unit + " (log scale)");
    valueAxis.setStrictValuesFlag(false);
    valueAxis.setLabelFont(FONT);
    valueAxis.setTickLabelFont(FONT.deriveFont(11f));
    valueAxis.setNumberFormatOverride(new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)));
    valueAxis.setRange(low / 2, high * 2);
    StatisticalBarRenderer bars = new StatisticalBarRenderer();
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setDrawBarOutline(false);
    bars.setItemMargin(0.05);
    bars.setErrorIndicatorPaint(Color.BLACK);
    bars.setErrorIndicatorStroke(new BasicStroke(1f));
    int peer = 0;
    int series = 0;
    for (String library : libraries) {
      bars.setSeriesPaint(series++, library.equals("gogoscope") ? GOGOSCOPE : PEERS[peer++ % PEERS.length]);
    }
    CategoryPlot plot = new CategoryPlot(data, categoryAxis, valueAxis, bars);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xcc, 0xcc, 0xcc));
    plot.setOutlineVisible(false);

    JFreeChart chart = new JFreeChart(table.title(), FONT.deriveFont(Font.BOLD, 15f), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    chart.getLegend().setItemFont(FONT);
    chart.addSubtitle(
        new TextTitle(
            table.benchmark() + ": mean ± 99.9 % confidence interval"
                + (cut ? " (intervals reaching zero are cut at 1 % of the score)" : "")
                + (unit.endsWith("/s") ? "; longer is better" : "; shorter is better"),
            FONT.deriveFont(11f)));

    int width = 900;
    int height = 150 + categories.size() * (libraries.size() * 16 + 24);
    SVGGraphics2D svg = new SVGGraphics2D(width, height);
    svg.setDefsKeyPrefix(table.benchmark()); // ids from the table, not the clock: stable files
    chart.draw(svg, new java.awt.Rectangle(0, 0, width, height));
    return svg.getSVGDocument() + "\n";
  }
}
