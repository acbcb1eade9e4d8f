package io.invstream.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

  @Test
  void percentilesAreNearestRankOverAllExamples() {
    LatencySummary summary = LatencySummary.of(LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray(), 0);

    assertThat(summary.examples()).isEqualTo(100);
    assertThat(summary.p50Millis()).isEqualTo(50);
    assertThat(summary.p99Millis()).isEqualTo(99);
    assertThat(summary.maxMillis()).isEqualTo(100);
  }

  @Test
  void uncoveredExamplesCountAsInfinitelyLate() {
    LatencySummary fewUncovered = LatencySummary.of(LongStream.rangeClosed(1, 999).toArray(), 1);
    LatencySummary manyUncovered = LatencySummary.of(LongStream.rangeClosed(1, 980).toArray(), 20);

    assertThat(fewUncovered.p99Millis()).isEqualTo(990);
    assertThat(fewUncovered.maxMillis()).isInfinite();
    assertThat(manyUncovered.p50Millis()).isEqualTo(500);
    assertThat(manyUncovered.p99Millis()).isInfinite();
  }

  @Test
  void noExamplesHaveNoPercentiles() {
    assertThat(LatencySummary.of(new long[0], 0).p99Millis()).isNaN();
  }
}
