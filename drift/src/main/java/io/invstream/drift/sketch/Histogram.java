package io.invstream.drift.sketch;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable summary of one window of one feature: per-bin counts and per-bin sums over fixed
 * {@link BinEdges}, plus the window's minimum, maximum, mean and population variance.
 *
 * <p>Per-bin sums are kept (not only counts) because they make the Wasserstein-1 integral exact inside
 * every bin where the two CDFs do not cross (see {@code io.invstream.drift.data.Wasserstein}); minimum
 * and maximum bound the otherwise infinite underflow and overflow bins. Memory is {@code O(bins)}.
 *
 * <p>Instances are built by {@link HistogramAccumulator#toHistogram()}, or directly from stored values
 * (for a user-fixed reference snapshot), in which case the constructor validates them.
 */
public final class Histogram {

    private final BinEdges edges;
    private final long[] counts;
    private final double[] sums;
    private final long total;
    private final double min;
    private final double max;
    private final double mean;
    private final double variance;

    /**
     * Creates a histogram from its parts.
     *
     * @param edges the bin edges; {@code counts} and {@code sums} have {@code edges.binCount()} entries
     * @param counts number of values per bin, non-negative, at least one value in total
     * @param sums sum of the values per bin, finite, zero where the count is zero
     * @param min smallest value seen
     * @param max largest value seen
     * @param mean mean of all values
     * @param variance population variance (divided by the count) of all values, non-negative
     * @throws IllegalArgumentException if the parts are inconsistent
     */
    public Histogram(BinEdges edges, long[] counts, double[] sums, double min, double max, double mean, double variance) {
        this.edges = Objects.requireNonNull(edges, "edges");
        this.counts = counts.clone();
        this.sums = sums.clone();
        this.total = validateCounts(edges, this.counts, this.sums);
        if (!(Double.isFinite(min) && Double.isFinite(max) && min <= max)) {
            throw new IllegalArgumentException("need finite min <= max, got min " + min + ", max " + max);
        }
        if (!(Double.isFinite(mean) && Double.isFinite(variance) && variance >= 0)) {
            throw new IllegalArgumentException("need a finite mean and a finite non-negative variance, got mean "
                    + mean + ", variance " + variance);
        }
        this.min = min;
        this.max = max;
        this.mean = mean;
        this.variance = variance;
    }

    private static long validateCounts(BinEdges edges, long[] counts, double[] sums) {
        if (counts.length != edges.binCount() || sums.length != edges.binCount()) {
            throw new IllegalArgumentException("expected " + edges.binCount() + " counts and sums for " + edges
                    + " but got " + counts.length + " counts and " + sums.length + " sums");
        }
        long total = 0;
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] < 0 || !Double.isFinite(sums[b]) || (counts[b] == 0 && sums[b] != 0)) {
                throw new IllegalArgumentException("bin " + b + " has count " + counts[b] + " and sum " + sums[b]
                        + "; counts must be non-negative and sums finite (zero for empty bins)");
            }
            total = Math.addExact(total, counts[b]);
        }
        if (total == 0) {
            throw new IllegalArgumentException("a histogram must summarise at least one value");
        }
        return total;
    }

    /** Returns the bin edges. */
    public BinEdges edges() {
        return edges;
    }

    /** Returns the number of bins, underflow and overflow included. */
    public int binCount() {
        return counts.length;
    }

    /** Returns the number of values in bin {@code b}. */
    public long count(int b) {
        return counts[b];
    }

    /** Returns the sum of the values in bin {@code b}. */
    public double sum(int b) {
        return sums[b];
    }

    /** Returns the share of all values that fell into bin {@code b}, {@code count(b) / total()}. */
    public double mass(int b) {
        return (double) counts[b] / total;
    }

    /** Returns the number of values summarised. */
    public long total() {
        return total;
    }

    /** Returns the smallest value summarised. */
    public double min() {
        return min;
    }

    /** Returns the largest value summarised. */
    public double max() {
        return max;
    }

    /** Returns the mean of the values summarised. */
    public double mean() {
        return mean;
    }

    /** Returns the population variance (sum of squared deviations divided by {@link #total()}). */
    public double variance() {
        return variance;
    }

    /** Returns the population standard deviation, {@code sqrt(variance())}. */
    public double standardDeviation() {
        return Math.sqrt(variance);
    }

    /** Returns whether {@code other} uses the same bin edges, which every two-window statistic requires. */
    public boolean sharesEdgesWith(Histogram other) {
        return edges.equals(other.edges);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Histogram that
                && edges.equals(that.edges)
                && Arrays.equals(counts, that.counts)
                && Arrays.equals(sums, that.sums)
                && Double.compare(min, that.min) == 0
                && Double.compare(max, that.max) == 0
                && Double.compare(mean, that.mean) == 0
                && Double.compare(variance, that.variance) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(edges, Arrays.hashCode(counts), Arrays.hashCode(sums), min, max, mean, variance);
    }

    @Override
    public String toString() {
        return "Histogram[" + edges + ", counts=" + Arrays.toString(counts) + ", min=" + min + ", max=" + max
                + ", mean=" + mean + ", variance=" + variance + "]";
    }
}
