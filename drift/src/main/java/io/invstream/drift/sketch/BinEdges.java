package io.invstream.drift.sketch;

import java.util.Arrays;

/**
 * Strictly increasing, finite boundaries {@code e_0 < e_1 < ... < e_(k-1)} that split the real line
 * into {@code k + 1} bins, each closed on the left:
 * bin 0 is the underflow bin {@code (-inf, e_0)}, bin {@code i} for {@code 1 <= i < k} is
 * {@code [e_(i-1), e_i)}, and bin {@code k} is the overflow bin {@code [e_(k-1), +inf)}.
 *
 * <p>Instances are immutable; {@link #binOf(double)} costs {@code O(log k)} comparisons, which is
 * constant in the length of the stream.
 */
public final class BinEdges {

    private final double[] edges;

    private BinEdges(double[] edges) {
        this.edges = edges;
    }

    /**
     * Returns the given edges.
     *
     * @throws IllegalArgumentException if there are no edges, an edge is not finite, or the edges are
     *     not strictly increasing
     */
    public static BinEdges of(double... edges) {
        if (edges.length == 0) {
            throw new IllegalArgumentException("at least one bin edge is needed (it separates underflow from overflow)");
        }
        for (int i = 0; i < edges.length; i++) {
            if (!Double.isFinite(edges[i])) {
                throw new IllegalArgumentException("bin edge " + i + " is " + edges[i] + "; edges must be finite");
            }
            if (i > 0 && edges[i] <= edges[i - 1]) {
                throw new IllegalArgumentException("bin edges must be strictly increasing, but edge " + i + " = "
                        + edges[i] + " follows " + edges[i - 1]);
            }
        }
        return new BinEdges(positiveZeros(edges));
    }

    /**
     * Learns edges from a calibration sample so that each of the {@code bins} inner bins holds about
     * the same share of the sample (empirical quantiles at {@code j / bins}), and the sample's range is
     * closed on both sides: the first edge is the sample minimum and the last is the next double above
     * the sample maximum. Values outside the calibration range therefore land in the underflow or
     * overflow bin, which is what lets PSI and KS see a shift beyond the reference range, and a
     * constant sample still yields one bin that holds exactly that constant.
     *
     * <p>Ties merge quantiles, so a sample with few distinct values yields fewer inner bins.
     *
     * @param sample finite values, at least one; not modified
     * @param bins the number of inner bins wanted, at least 1
     */
    public static BinEdges fromQuantiles(double[] sample, int bins) {
        if (sample.length == 0) {
            throw new IllegalArgumentException("cannot learn bin edges from an empty sample");
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1 but was " + bins);
        }
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        if (!Double.isFinite(sorted[0]) || !Double.isFinite(sorted[sorted.length - 1])) {
            throw new IllegalArgumentException("calibration sample contains a non-finite value");
        }
        double[] candidates = new double[bins + 1];
        candidates[0] = sorted[0];
        for (int j = 1; j < bins; j++) {
            candidates[j] = sorted[(int) ((long) j * sorted.length / bins)];
        }
        candidates[bins] = Math.nextUp(sorted[sorted.length - 1]);
        return new BinEdges(Arrays.stream(positiveZeros(candidates)).distinct().toArray());
    }

    /**
     * Returns a copy with -0.0 replaced by 0.0. Binary search orders -0.0 before 0.0 although they are
     * equal numerically; normalising both edges and looked-up values keeps one bin for zero.
     */
    private static double[] positiveZeros(double[] values) {
        double[] copy = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            copy[i] = values[i] + 0.0;
        }
        return copy;
    }

    /** Returns the number of bins, underflow and overflow included: the edge count plus one. */
    public int binCount() {
        return edges.length + 1;
    }

    /** Returns the number of edges. */
    public int edgeCount() {
        return edges.length;
    }

    /** Returns edge {@code i}, the upper (exclusive) bound of bin {@code i} and lower bound of bin {@code i + 1}. */
    public double edge(int i) {
        return edges[i];
    }

    /** Returns the bin holding {@code value}: the number of edges less than or equal to it. */
    public int binOf(double value) {
        int found = Arrays.binarySearch(edges, value + 0.0);
        return found >= 0 ? found + 1 : -found - 1;
    }

    /** Returns a copy of the edges. */
    public double[] toArray() {
        return edges.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BinEdges that && Arrays.equals(edges, that.edges);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(edges);
    }

    @Override
    public String toString() {
        return "BinEdges" + Arrays.toString(edges);
    }
}
