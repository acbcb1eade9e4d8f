package io.invstream.drift.data;

import static io.invstream.drift.data.ExactStatistics.histogram;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.invstream.drift.DriftLevel;
import io.invstream.drift.sketch.BinEdges;
import io.invstream.drift.sketch.Histogram;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PopulationStabilityIndexTest {

    private final PopulationStabilityIndex psi = PopulationStabilityIndex.defaults();

    @Test
    void handComputedValue() {
        BinEdges edges = BinEdges.of(0, 1);
        Histogram reference = histogram(edges, 0.5, 0.5, 1.5, 1.5);
        Histogram current = histogram(edges, 0.5, 1.5, 1.5, 1.5);

        // shares (0, .5, .5) -> (0, .25, .75): (.25-.5)ln(.25/.5) + (.75-.5)ln(.75/.5) = .25 ln 3
        assertThat(psi.value(reference, current)).isCloseTo(0.25 * Math.log(3), within(1e-15));
    }

    @Test
    void emptyBinUsesEpsilonAndBinsEmptyInBothContributeNothing() {
        BinEdges edges = BinEdges.of(0, 1, 2);
        Histogram reference = histogram(edges, 0.5, 0.5);
        Histogram current = histogram(edges, 0.5, 1.5);

        double expected = (0.5 - 1) * Math.log(0.5 / 1) + (0.5 - 1e-4) * Math.log(0.5 / 1e-4);
        assertThat(psi.value(reference, current)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void matchesDirectFormulaOnRandomSamples() {
        Random random = new Random(11);
        double[] edges = {-1.5, -0.5, 0, 0.5, 1.5};
        for (int trial = 0; trial < 20; trial++) {
            double shift = trial * 0.1;
            double[] reference = random.doubles(300).map(u -> 3 * u - 1.5).toArray();
            double[] current = random.doubles(200).map(u -> 3 * u - 1.5 + shift).toArray();

            double sketch = psi.value(histogram(BinEdges.of(edges), reference), histogram(BinEdges.of(edges), current));

            assertThat(sketch).isCloseTo(ExactStatistics.psi(reference, current, edges, 1e-4), within(1e-12));
        }
    }

    @Test
    void gradesAgainstConventionalThresholds() {
        BinEdges edges = BinEdges.of(0, 1);
        Histogram reference = histogram(edges, 0.5, 0.5, 1.5, 1.5);

        assertThat(psi.assess(reference, histogram(edges, 0.5, 0.5, 1.5, 1.5)).level()).isEqualTo(DriftLevel.NONE);
        assertThat(psi.assess(reference, histogram(edges, 0.5, 1.5, 1.5, 1.5)).level()).isEqualTo(DriftLevel.DRIFT);
        assertThat(psi.assess(reference, histogram(edges, 0.5, 0.5, 0.5, 1.5, 1.5, 1.5, 1.5, 1.5)).level())
                .isEqualTo(DriftLevel.NONE);
    }

    @Test
    void refusesHistogramsOnDifferentEdges() {
        assertThatThrownBy(() -> psi.value(histogram(BinEdges.of(0), 1), histogram(BinEdges.of(1), 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("share bin edges");
    }

    @Test
    void rejectsInvertedThresholds() {
        assertThatThrownBy(() -> new PopulationStabilityIndex(0.3, 0.2, 1e-4)).isInstanceOf(IllegalArgumentException.class);
    }
}
