package io.gogoscope.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench/charts/*.svg are RESULTS.md's tables drawn: regenerated here from the committed RESULTS.md,
 * they must say what the committed ones say (every label, legend entry and tick; the shapes'
 * coordinates depend on the machine's fonts, so they are left out), one chart per table, each
 * linked from the report.
 */
class ResultsChartsTest {
  private static final Pattern TEXT = Pattern.compile("<text[^>]*>([^<]*)</text>");

  @Test
  void committedChartsAreTheCommittedResultsDrawn(@TempDir Path work) throws IOException {
    Path bench = benchFolder();
    Path report = work.resolve("RESULTS.md");
    Files.copy(bench.resolve("RESULTS.md"), report);

    List<Path> regenerated = ResultsCharts.write(report);

    assertThat(regenerated).hasSizeGreaterThanOrEqualTo(10);
    try (Stream<Path> committed = Files.list(bench.resolve("charts"))) {
      assertThat(committed.map(p -> p.getFileName().toString()).sorted().toList())
          .as("bench/charts/ holds exactly the charts of RESULTS.md")
          .containsExactlyElementsOf(
              regenerated.stream().map(p -> p.getFileName().toString()).sorted().toList());
    }
    String markdown = Files.readString(report);
    for (Path chart : regenerated) {
      Path committed = bench.resolve("charts").resolve(chart.getFileName());
      assertThat(texts(Files.readString(chart)))
          .as("%s: regenerate with ResultsCharts.write(bench/RESULTS.md)", committed)
          .isEqualTo(texts(Files.readString(committed)));
      assertThat(markdown).contains("](charts/" + chart.getFileName() + ")");
    }
  }

  @Test
  void drawsEveryLibraryOfATableOnALogAxis() {
    ResultsCharts.Table table =
        new ResultsCharts.Table(
            "A call that succeeds",
            "SuccessfulCallBenchmark",
            List.of(
                new ResultsCharts.Row("gogoscope", "retry", 2.789, 0.023, "ns/op"),
                new ResultsCharts.Row("Resilience4j 2.4.0", "retry", 10.113, 0.056, "ns/op"),
                new ResultsCharts.Row("gogoscope", "retry + timeout", 12.6, 0.03, "ns/op"),
                new ResultsCharts.Row("SmallRye FT 6.9.3", "retry + timeout", 517, 900, "ns/op")));

    String svg = ResultsCharts.svg(table);

    assertThat(texts(svg))
        .contains("A call that succeeds", "gogoscope", "Resilience4j 2.4.0", "SmallRye FT 6.9.3")
        .contains("retry", "retry + timeout", "ns/op (log scale)")
        .anyMatch(t -> t.contains("cut at 1 % of the score"));
    assertThat(svg).startsWith("<?xml").doesNotContain("NaN", "Infinity");
    assertThat(ResultsCharts.svg(table)).as("same table, same file").isEqualTo(svg);
  }

  @Test
  void readsTheFiguresTablesOfAReport() {
    String markdown =
        """
        ## Fork and join of tasks

        `ScopeForkJoinBenchmark`: 2 forks.

        | library | policies | params | score | unit | B/op |
        |---|---|---|---|---|---|
        | **gogoscope** | fork/join | tasks=10 | 24.8 ± 9.2 | us/op | 3,100 |
        | raw virtual threads | fork/join | tasks=10 | 14.7 ± 1.3 | us/op | 2,000 |

        | policies | params | peer | gogoscope vs peer | B/op gogoscope / peer |
        |---|---|---|---|---|
        | fork/join | tasks=10 | raw virtual threads | 1.69× slower | 3,100 / 2,000 |
        """;

    assertThat(ResultsCharts.read(markdown))
        .containsExactly(
            new ResultsCharts.Table(
                "Fork and join of tasks",
                "ScopeForkJoinBenchmark",
                List.of(
                    new ResultsCharts.Row("gogoscope", "fork/join (tasks=10)", 24.8, 9.2, "us/op"),
                    new ResultsCharts.Row(
                        "raw virtual threads", "fork/join (tasks=10)", 14.7, 1.3, "us/op"))));
  }

  private static List<String> texts(String svg) {
    Matcher text = TEXT.matcher(svg);
    List<String> texts = new java.util.ArrayList<>();
    while (text.find()) {
      texts.add(text.group(1));
    }
    return texts;
  }

  private static Path benchFolder() {
    String root = System.getenv("GOGOSCOPE_PROJECT_ROOT");
    Path bench = root == null ? Path.of("").toAbsolutePath() : Path.of(root, "bench");
    return Files.isRegularFile(bench.resolve("RESULTS.md")) ? bench : Path.of("").toAbsolutePath();
  }
}
