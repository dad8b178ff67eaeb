package io.gogoscope.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Renders a small, hand-written JMH result and checks the figures, ratios and target verdicts. */
class ResultsReportTest {

  private static final Machine MACHINE =
      new Machine("AMD EPYC", 2, "23.4 GiB", "Linux 6.1 amd64", "0.10 0.20 0.30", "0.90 0.40 0.35", Instant.EPOCH, false);

  private static String render() throws Exception {
    return ResultsReport.render(new Results(JmhJson.read(sample())), MACHINE);
  }

  private static Path sample() throws URISyntaxException {
    return Path.of(ResultsReportTest.class.getResource("sample-result.json").toURI());
  }

  @Test
  void namesTheMachineAndTheJdk() throws Exception {
    assertThat(render())
        .contains("| CPU | AMD EPYC, 2 cores visible to the JVM |")
        .contains("| JDK | 25.0.1, OpenJDK 64-Bit Server VM 25.0.1+8-LTS |")
        .contains("| JVM arguments (every fork) | `--enable-preview` |")
        .contains("| load average at start (1, 5, 15 min) | 0.10 0.20 0.30 |")
        .contains("| load average at end | 0.90 0.40 0.35 |")
        .doesNotContain("Smoke pass");
  }

  @Test
  void showsEachFigureWithItsErrorAndAllocation() throws Exception {
    assertThat(render())
        .contains("| **gogoscope** | retry + timeout | 40.1 ± 2.0 | ns/op | ≈ 0 |")
        .contains("| SmallRye FT 6.9.3 | retry + timeout | 500 ± 20 | ns/op | 312 |")
        .contains("| 20000 ± n/a | ops/s |");
  }

  @Test
  void comparesEachPeerOfTheSamePoliciesAndParams() throws Exception {
    assertThat(render())
        .contains("| retry + timeout |  | SmallRye FT 6.9.3 | 12.5× faster (12.5×) | ≈ 0 / 312 |")
        .contains("| retry |  | Resilience4j 2.4.0 | 1.20× slower (0.833×) | n/a / n/a |")
        .contains("| fork and join | tasks=10 | raw virtual threads | same within error (0.917×) |")
        .contains("| 2.00× faster (2.00×) |")
        .contains("| retry |  | no library (plain call / hand-written loop) | adds 26.0 ns to the bare call |");
  }

  @Test
  void aSmokePassSaysItMeasuresNothingAndJudgesNoTarget() throws Exception {
    Machine smoke = new Machine("AMD EPYC", 2, "23.4 GiB", "Linux", "9.0 9.0 9.0", "", Instant.EPOCH, true);
    assertThat(ResultsReport.render(new Results(JmhJson.read(sample())), smoke))
        .contains("**Smoke pass, not a measurement.**")
        .contains("(Smoke pass: these verdicts come from one short iteration")
        .doesNotContain("- **@Retry alone");
  }

  @Test
  void checksTheTargetsAndSaysByHowMuchOneIsMissed() throws Exception {
    String report = render();
    assertThat(report)
        .contains("| @Retry + @Timeout call that succeeds: at most a tenth of SmallRye's retry + timeout guard"
            + " | 40.1 ± 2.0 vs 500 ± 20 ns/op (0.0802×) | met |")
        .contains("| @Retry alone: no slower than Resilience4j's bare Retry decorator"
            + " | 30.0 ± 1.0 vs 25.0 ± 1.0 ns/op (1.20×) | **missed by 20 %** |")
        .contains("- **@Retry alone: no slower than Resilience4j's bare Retry decorator**: missed by 20 %.")
        .contains("| Fork/join of 10 task(s) in a Scope: no slower than raw virtual threads"
            + " | 12.0 ± 3.0 vs 11.0 ± 2.0 us/op (1.09×) | **missed by 9.09 % (within the error bars)** |")
        .contains("| Redis lock pairs from 8 virtual threads: 1.5 × RLock's throughput"
            + " | 20000 ± n/a vs 10000 ± n/a ops/s (2.00×) | met |")
        .contains("| Success path allocation (aim): zero bytes per @Retry + @Timeout call | ≈ 0 B/op | met |")
        .contains("| PostgreSQL lock pair: no slower than ShedLock's JDBC provider | not in this run | not measured |");
  }

  @Test
  void formatsFiguresToTheirPrecision() {
    assertThat(Figures.withError(412.345, 13.2)).isEqualTo("412 ± 13");
    assertThat(Figures.withError(0.04567, 0.0012)).isEqualTo("0.0457 ± 0.0012");
    assertThat(Figures.withError(1234.5, Double.NaN)).isEqualTo("1235 ± n/a");
    assertThat(Figures.bytes(1234.4)).isEqualTo("1,234");
  }
}
