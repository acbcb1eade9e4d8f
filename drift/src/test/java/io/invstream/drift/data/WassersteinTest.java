package io.invstream.drift.data;

import static io.invstream.drift.data.ExactStatistics.histogram;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.invstream.drift.sketch.BinEdges;
import io.invstream.drift.sketch.Histogram;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WassersteinTest {

    @Test
    void handComputedDistanceAndNormalisation() {
        BinEdges edges = BinEdges.of(0, 1, 2, 3);
        Histogram reference = histogram(edges, 0, 1);
        Histogram current = histogram(edges, 1, 2);

        assertThat(Wasserstein.distance(reference, current)).isCloseTo(1, within(1e-15));
        // reference {0, 1}: population standard deviation 0.5
        assertThat(Wasserstein.normalisedDistance(reference, current)).isCloseTo(2, within(1e-15));
    }

    @Test
    void equalsExactDistanceWhenValuesSitOnLeftEdges() {
        Random random = new Random(31);
        BinEdges edges = BinEdges.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        for (int trial = 0; trial < 20; trial++) {
            double[] reference = random.ints(200, 0, 10).asDoubleStream().toArray();
            double[] current = random.ints(150, trial % 4, 10).asDoubleStream().toArray();

            double sketch = Wasserstein.distance(histogram(edges, reference), histogram(edges, current));

            assertThat(sketch).isCloseTo(ExactStatistics.wasserstein(reference, current), within(1e-12));
        }
    }

    @Test
    void understatesExactDistanceByAtMostTheDocumentedBound() {
        Random random = new Random(32);
        for (int trial = 0; trial < 30; trial++) {
            double shift = 0.05 * trial;
            double[] reference = random.doubles(1000).map(u -> random.nextGaussian()).toArray();
            double[] current = random.doubles(500).map(u -> random.nextGaussian() * (1 + shift) + shift).toArray();
            BinEdges edges = BinEdges.fromQuantiles(Arrays.copyOf(reference, 200), 10);
            Histogram ref = histogram(edges, reference);
            Histogram cur = histogram(edges, current);

            double gap = ExactStatistics.wasserstein(reference, current) - Wasserstein.distance(ref, cur);

            assertThat(gap).isBetween(-1e-12, Wasserstein.binningErrorBound(ref, cur));
        }
    }

    @Test
    void pureMeanShiftIsExactInReferenceStandardDeviations() {
        double[] reference = new Random(33).doubles(1000).map(u -> 4 * u).toArray();
        double[] current = Arrays.stream(reference).map(v -> v + 0.3).toArray();
        BinEdges edges = BinEdges.fromQuantiles(reference, 10);

        double normalised = Wasserstein.normalisedDistance(histogram(edges, reference), histogram(edges, current));

        assertThat(normalised).isCloseTo(0.3 / ExactStatistics.populationStandardDeviation(reference), within(1e-3));
    }

    @Test
    void constantReferenceGivesZeroOrInfinity() {
        BinEdges edges = BinEdges.fromQuantiles(new double[] {2}, 10);
        Histogram reference = histogram(edges, 2, 2, 2);

        assertThat(Wasserstein.normalisedDistance(reference, histogram(edges, 2, 2))).isZero();
        assertThat(Wasserstein.normalisedDistance(reference, histogram(edges, 2, 3))).isInfinite();
    }
}
