package io.invstream.drift.sketch;

import java.util.Arrays;
import java.util.Objects;

/**
 * Counts a stream of values into fixed {@link BinEdges}: per-bin count and sum, running minimum and
 * maximum, and Welford's running mean and sum of squared deviations (numerically stable, unlike
 * accumulating the sum of squares). {@code O(bins)} memory; {@link #add(double)} costs one binary
 * search over the edges.
 *
 * <p>Not thread-safe. Non-finite values are rejected before anything is changed, so a rejected value
 * never corrupts the summary.
 */
public final class HistogramAccumulator {

    private final BinEdges edges;
    private final long[] counts;
    private final double[] sums;
    private long total;
    private double min;
    private double max;
    private double mean;
    private double squaredDeviations;

    /** Creates an empty accumulator over {@code edges}. */
    public HistogramAccumulator(BinEdges edges) {
        this.edges = Objects.requireNonNull(edges, "edges");
        this.counts = new long[edges.binCount()];
        this.sums = new double[edges.binCount()];
        clear();
    }

    /**
     * Adds one value.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite (nothing is recorded)
     */
    public void add(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("cannot add " + value + " to a histogram: only finite values are summarised");
        }
        int bin = edges.binOf(value);
        counts[bin]++;
        sums[bin] += value;
        total++;
        min = Math.min(min, value);
        max = Math.max(max, value);
        double before = value - mean;
        mean += before / total;
        squaredDeviations += before * (value - mean);
    }

    /** Returns the number of values added since construction or the last {@link #clear()}. */
    public long total() {
        return total;
    }

    /** Returns the bin edges values are counted into. */
    public BinEdges edges() {
        return edges;
    }

    /**
     * Returns an immutable snapshot of what has been added.
     *
     * @throws IllegalStateException if nothing has been added
     */
    public Histogram toHistogram() {
        if (total == 0) {
            throw new IllegalStateException("no values added yet, so there is no histogram to take");
        }
        return new Histogram(edges, counts, sums, min, max, mean, squaredDeviations / total);
    }

    /** Forgets every value, keeping the edges. */
    public void clear() {
        Arrays.fill(counts, 0);
        Arrays.fill(sums, 0);
        total = 0;
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
        mean = 0;
        squaredDeviations = 0;
    }
}
