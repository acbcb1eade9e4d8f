package io.invstream.drift.sketch;

import java.util.Arrays;

/**
 * A histogram that learns its own bin edges: the first {@code calibrationSize} values are buffered,
 * edges are taken from their quantiles ({@link BinEdges#fromQuantiles}), the buffered values are
 * counted, and every later value is counted directly. Raw values are therefore held only for the
 * calibration prefix, {@code O(calibrationSize)} memory, never for the whole window.
 *
 * <p>Why a prefix rather than the whole window: quantiles of a few hundred values already place bins
 * within a few percent of the true quantiles, and bins only need to be reasonable, not exact, since the
 * reference counts themselves are exact for every value of the window.
 *
 * <p>Not thread-safe. Non-finite values are rejected before anything is changed.
 */
public final class CalibratingAccumulator {

    private final int bins;
    private final double[] calibration;
    private int buffered;
    private HistogramAccumulator counted;

    /**
     * Creates an accumulator that will learn {@code bins} inner bins from its first
     * {@code calibrationSize} values.
     */
    public CalibratingAccumulator(int bins, int calibrationSize) {
        if (bins < 1 || calibrationSize < 1) {
            throw new IllegalArgumentException("bins and calibrationSize must be >= 1, got " + bins + " and " + calibrationSize);
        }
        this.bins = bins;
        this.calibration = new double[calibrationSize];
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
        if (counted != null) {
            counted.add(value);
            return;
        }
        calibration[buffered++] = value;
        if (buffered == calibration.length) {
            calibrate();
        }
    }

    /** Returns the number of values added since construction or the last {@link #clear()}. */
    public long total() {
        return counted == null ? buffered : counted.total();
    }

    /**
     * Returns a snapshot of what has been added. If fewer than {@code calibrationSize} values have been
     * added, edges are learned from those values now (and later values are counted on them).
     *
     * @throws IllegalStateException if nothing has been added
     */
    public Histogram toHistogram() {
        if (total() == 0) {
            throw new IllegalStateException("no values added yet, so there is no histogram to take");
        }
        if (counted == null) {
            calibrate();
        }
        return counted.toHistogram();
    }

    /** Forgets every value and the learned edges; the next values calibrate afresh. */
    public void clear() {
        buffered = 0;
        counted = null;
    }

    private void calibrate() {
        double[] sample = Arrays.copyOf(calibration, buffered);
        counted = new HistogramAccumulator(BinEdges.fromQuantiles(sample, bins));
        for (double value : sample) {
            counted.add(value);
        }
        buffered = 0;
    }
}
