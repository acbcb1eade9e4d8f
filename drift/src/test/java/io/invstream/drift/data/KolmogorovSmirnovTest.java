package io.invstream.drift.data;

import static io.invstream.drift.data.ExactStatistics.histogram;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.invstream.drift.DriftLevel;
import io.invstream.drift.sketch.BinEdges;
import io.invstream.drift.sketch.Histogram;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KolmogorovSmirnovTest {

    @Test
    void handComputedStatistic() {
        BinEdges edges = BinEdges.of(0, 1, 2, 3);

        double d = KolmogorovSmirnov.statistic(histogram(edges, 0, 0, 1, 1), histogram(edges, 1, 1, 2, 2));

        assertThat(d).isEqualTo(0.5);
    }

    @Test
    void equalsExactStatisticWhenValuesSitOnLeftEdges() {
        Random random = new Random(21);
        BinEdges edges = BinEdges.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        for (int trial = 0; trial < 20; trial++) {
            double[] reference = random.ints(200, 0, 10).asDoubleStream().toArray();
            double[] current = random.ints(150, trial % 3, 10).asDoubleStream().toArray();

            double sketch = KolmogorovSmirnov.statistic(histogram(edges, reference), histogram(edges, current));

            assertThat(sketch).isCloseTo(ExactStatistics.ks(reference, current), within(1e-12));
        }
    }

    @Test
    void understatesExactStatisticByAtMostTheDocumentedBound() {
        Random random = new Random(22);
        for (int trial = 0; trial < 30; trial++) {
            double shift = 0.05 * trial;
            double[] reference = random.doubles(1000).map(u -> random.nextGaussian()).toArray();
            double[] current = random.doubles(500).map(u -> random.nextGaussian() * (1 + shift) + shift).toArray();
            BinEdges edges = BinEdges.fromQuantiles(java.util.Arrays.copyOf(reference, 200), 10);
            Histogram ref = histogram(edges, reference);
            Histogram cur = histogram(edges, current);

            double gap = ExactStatistics.ks(reference, current) - KolmogorovSmirnov.statistic(ref, cur);

            assertThat(gap).isBetween(-1e-12, KolmogorovSmirnov.binningErrorBound(ref, cur));
        }
    }

    @Test
    void criticalValueMatchesSmirnovTable() {
        // c(0.05) = 1.358, c(0.01) = 1.628, c(0.001) = 1.949 (Smirnov's limiting distribution)
        double scale = Math.sqrt(200.0 / (100 * 100));
        assertThat(KolmogorovSmirnov.criticalValue(0.05, 100, 100)).isCloseTo(1.358 * scale, within(1e-3 * scale));
        assertThat(KolmogorovSmirnov.criticalValue(0.01, 100, 100)).isCloseTo(1.628 * scale, within(1e-3 * scale));
        assertThat(KolmogorovSmirnov.criticalValue(0.001, 100, 100)).isCloseTo(1.949 * scale, within(1e-3 * scale));
    }

    @Test
    void gradesWithSizeDependentThresholds() {
        BinEdges edges = BinEdges.of(0, 1, 2, 3);
        KolmogorovSmirnov ks = KolmogorovSmirnov.defaults();
        double[] zeros = new double[40];
        double[] ones = new double[40];
        java.util.Arrays.fill(ones, 1);

        // D = 1 with 40 v 40 values: far above D(0.001) = 1.949 * sqrt(80 / 1600) = 0.436
        var shifted = ks.assess(histogram(edges, zeros), histogram(edges, ones));
        // D = 0 for identical samples
        var same = ks.assess(histogram(edges, zeros), histogram(edges, zeros));

        assertThat(shifted.level()).isEqualTo(DriftLevel.DRIFT);
        assertThat(shifted.threshold()).isCloseTo(KolmogorovSmirnov.criticalValue(0.001, 40, 40), within(1e-15));
        assertThat(same.level()).isEqualTo(DriftLevel.NONE);
    }
}
