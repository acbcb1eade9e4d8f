package io.invstream.drift.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HistogramAccumulatorTest {

    @Test
    void keepsCountsSumsRangeAndMoments() {
        HistogramAccumulator accumulator = new HistogramAccumulator(BinEdges.of(0, 10));
        for (double value : new double[] {-1, 2, 4, 12}) {
            accumulator.add(value);
        }

        Histogram histogram = accumulator.toHistogram();

        assertThat(histogram.total()).isEqualTo(4);
        assertThat(new long[] {histogram.count(0), histogram.count(1), histogram.count(2)}).containsExactly(1, 2, 1);
        assertThat(histogram.sum(1)).isEqualTo(6);
        assertThat(histogram.min()).isEqualTo(-1);
        assertThat(histogram.max()).isEqualTo(12);
        assertThat(histogram.mean()).isEqualTo(4.25);
        assertThat(histogram.variance()).isCloseTo((27.5625 + 5.0625 + 0.0625 + 60.0625) / 4, within(1e-12));
    }

    @Test
    void momentsMatchTwoPassFormulaOnLargeOffsets() {
        double[] values = new Random(3).doubles(10_000).map(v -> 1e6 + v).toArray();
        HistogramAccumulator accumulator = new HistogramAccumulator(BinEdges.fromQuantiles(values, 10));
        Arrays.stream(values).forEach(accumulator::add);

        double mean = Arrays.stream(values).average().orElseThrow();
        double variance = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / values.length;

        assertThat(accumulator.toHistogram().variance()).isCloseTo(variance, within(1e-9));
    }

    @Test
    void rejectedValuesLeaveTheHistogramUntouched() {
        HistogramAccumulator accumulator = new HistogramAccumulator(BinEdges.of(0));
        accumulator.add(1);
        Histogram before = accumulator.toHistogram();

        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThatThrownBy(() -> accumulator.add(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("finite");
        }

        assertThat(accumulator.toHistogram()).isEqualTo(before);
    }

    @Test
    void histogramRejectsInconsistentParts() {
        BinEdges edges = BinEdges.of(0);
        assertThatThrownBy(() -> new Histogram(edges, new long[] {1}, new double[] {1}, 0, 1, 0.5, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Histogram(edges, new long[] {0, 0}, new double[] {0, 0}, 0, 1, 0.5, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one value");
        assertThatThrownBy(() -> new Histogram(edges, new long[] {1, 0}, new double[] {-1, 0}, 0, 1, Double.NaN, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
