package io.invstream.topology.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkResultTest {

  private final BenchmarkResult result = new BenchmarkResult(new BenchmarkSettings(4, 1000, 8, 32, 3, Duration.ofMinutes(1)),
      200, 150, 300, 0.05, 31, List.of(100.0, 200.0, 400.0), List.of(90.0, 150.0, 200.0));

  @Test
  void ratiosCompareMediansAndPairedRounds() {
    assertThat(result.ratio()).isEqualTo(0.75);
    assertThat(result.pairedRatio()).as("median of 0.9, 0.75, 0.5").isEqualTo(0.75);
  }

  @Test
  void theJsonLineCarriesTheFiguresTheIssueAsksFor() {
    assertThat(result.json()).startsWith("{\"balancerRecordsPerSec\":150.0,\"passThroughRecordsPerSec\":200.0,\"ratio\":0.7500,")
        .contains("\"balancerRounds\":[90,150,200]").doesNotContain("\n").endsWith("}");
    assertThat(result.table()).contains("pass-through").contains("ratio 0.75");
  }
}
