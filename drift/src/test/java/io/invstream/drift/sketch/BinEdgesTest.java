package io.invstream.drift.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BinEdgesTest {

    @Test
    void binsAreClosedOnTheLeft() {
        BinEdges edges = BinEdges.of(0, 1, 2);

        assertThat(edges.binCount()).isEqualTo(4);
        assertThat(edges.binOf(-0.5)).isZero();
        assertThat(edges.binOf(0)).isEqualTo(1);
        assertThat(edges.binOf(0.999)).isEqualTo(1);
        assertThat(edges.binOf(1)).isEqualTo(2);
        assertThat(edges.binOf(2)).isEqualTo(3);
        assertThat(edges.binOf(1e300)).isEqualTo(3);
    }

    @Test
    void rejectsUnsortedOrNonFiniteEdges() {
        assertThatThrownBy(() -> BinEdges.of(0, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> BinEdges.of(0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(BinEdges::of).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quantileEdgesSplitTheSampleEvenlyAndCloseItsRange() {
        double[] sample = new Random(1).doubles(1000).toArray();
        BinEdges edges = BinEdges.fromQuantiles(sample, 10);

        assertThat(edges.binCount()).isEqualTo(12);
        long[] counts = new long[edges.binCount()];
        for (double value : sample) {
            counts[edges.binOf(value)]++;
        }
        assertThat(counts[0]).isZero();
        assertThat(counts[11]).isZero();
        for (int b = 1; b <= 10; b++) {
            assertThat(counts[b]).isEqualTo(100);
        }
    }

    @Test
    void constantSampleGetsABinOfItsOwn() {
        BinEdges edges = BinEdges.fromQuantiles(new double[] {3, 3, 3}, 10);

        assertThat(edges.binCount()).isEqualTo(3);
        assertThat(edges.binOf(3)).isEqualTo(1);
        assertThat(edges.binOf(Math.nextUp(3.0))).isEqualTo(2);
        assertThat(edges.binOf(Math.nextDown(3.0))).isZero();
    }

    @Test
    void negativeZeroIsZero() {
        BinEdges edges = BinEdges.fromQuantiles(new double[] {-0.0, 0.0, 0.0, 1}, 4);

        assertThat(edges.toArray()).containsExactly(0.0, 1.0, Math.nextUp(1.0));
        assertThat(edges.binOf(-0.0)).isEqualTo(edges.binOf(0.0)).isEqualTo(1);
        assertThat(BinEdges.of(-0.0, 1).binOf(0.0)).isEqualTo(1);
    }
}
