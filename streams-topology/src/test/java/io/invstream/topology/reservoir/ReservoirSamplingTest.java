package io.invstream.topology.reservoir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReservoirSamplingTest {

  @Test
  void theFirstExamplesFillTheReservoirThenKeepingThinsOut() {
    ReservoirSampling sampling = new ReservoirSampling(100, 7);
    assertThat(sampling.indexFor(1, 0)).isZero();
    assertThat(sampling.indexFor(1, 99)).isEqualTo(99);
    int kept = 0;
    for (long sequence = 100_000; sequence < 200_000; sequence++) {
      kept += sampling.indexFor(1, sequence) >= 0 ? 1 : 0;
    }
    // Expected: sum of 100/(s+1) over the range, about 100 * ln 2 = 69.
    assertThat(kept).isBetween(40, 100);
    assertThat(sampling.filled(30)).isEqualTo(30);
    assertThat(sampling.filled(3000)).isEqualTo(100);
  }

  @Test
  void everyEraOfTheStreamIsRepresented() {
    ReservoirSampling sampling = new ReservoirSampling(200, 3);
    long[] holder = new long[200];
    for (long sequence = 0; sequence < 100_000; sequence++) {
      int index = sampling.indexFor(42, sequence);
      if (index >= 0) {
        holder[index] = sequence;
      }
    }
    long early = Arrays.stream(holder).filter(sequence -> sequence < 50_000).count();
    assertThat(early).as("about half the reservoir from the first half").isBetween(70L, 130L);
  }

  @Test
  void choicesArePureFunctionsOfSeedBucketAndSequence() {
    ReservoirSampling one = new ReservoirSampling(10, 5);
    ReservoirSampling two = new ReservoirSampling(10, 5);
    for (long sequence = 0; sequence < 1000; sequence++) {
      assertThat(one.indexFor(9, sequence)).isEqualTo(two.indexFor(9, sequence));
    }
  }

  @Test
  void replayDrawsDistinctEntriesWhileTheReservoirHasEnough() {
    ReplayDraw draw = new ReplayDraw(11);
    int[] picks = draw.draw(3, 0, 10, 6);
    Set<Integer> distinct = new HashSet<>();
    Arrays.stream(picks).forEach(distinct::add);
    assertThat(distinct).hasSize(6).allSatisfy(index -> assertThat(index).isBetween(0, 9));
    assertThat(draw.draw(3, 0, 10, 6)).isEqualTo(picks);
    assertThat(draw.draw(3, 0, 2, 5)).hasSize(5).containsOnly(0, 1);
  }
}
