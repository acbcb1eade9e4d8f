package io.invstream.drift.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibratingAccumulatorTest {

    @Test
    void learnsEdgesFromThePrefixAndCountsEveryValue() {
        double[] values = new Random(5).doubles(1000).toArray();
        CalibratingAccumulator accumulator = new CalibratingAccumulator(4, 100);
        for (double value : values) {
            accumulator.add(value);
        }

        Histogram histogram = accumulator.toHistogram();

        double[] prefix = java.util.Arrays.copyOf(values, 100);
        assertThat(histogram.edges()).isEqualTo(BinEdges.fromQuantiles(prefix, 4));
        assertThat(histogram.total()).isEqualTo(1000);
        long counted = 0;
        for (int b = 0; b < histogram.binCount(); b++) {
            counted += histogram.count(b);
        }
        assertThat(counted).isEqualTo(1000);
    }

    @Test
    void calibratesOnWhatItHasWhenAskedEarly() {
        CalibratingAccumulator accumulator = new CalibratingAccumulator(10, 200);
        accumulator.add(1);
        accumulator.add(2);

        Histogram histogram = accumulator.toHistogram();
        accumulator.add(3);

        assertThat(histogram.total()).isEqualTo(2);
        assertThat(accumulator.toHistogram().total()).isEqualTo(3);
    }

    @Test
    void rejectsNonFiniteAndEmptySnapshots() {
        CalibratingAccumulator accumulator = new CalibratingAccumulator(10, 200);

        assertThatThrownBy(accumulator::toHistogram).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> accumulator.add(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(accumulator.total()).isZero();
    }
}
