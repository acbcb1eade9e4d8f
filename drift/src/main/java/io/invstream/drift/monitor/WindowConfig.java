package io.invstream.drift.monitor;

/**
 * Window sizes and binning of the data-drift sketches.
 *
 * <p>The reference window is the first {@code referenceSize} observations of an environment (or a
 * snapshot fixed by the user). The current window is <b>tumbling</b>: {@code windowSize} observations are
 * counted, compared with the reference once, and then discarded. A tumbling window is evaluated
 * {@code windowSize} times less often than a sliding one and needs no per-value expiry, which would
 * require keeping the raw values; the price is up to one window of extra delay (a shift early in a
 * window is diluted by the values before it).
 *
 * @param referenceSize observations in the reference window; default 1000
 * @param windowSize observations in each current window; default 500
 * @param bins inner bins learned from the reference's quantiles (underflow and overflow bins come on
 *     top); default 10, the deciles customary for PSI
 * @param calibrationSize values buffered at the start of a window to learn its bin edges, at most
 *     the window size is used; default 200 (20 per bin)
 */
public record WindowConfig(int referenceSize, int windowSize, int bins, int calibrationSize) {

    /** Validates that every size is at least 1. */
    public WindowConfig {
        if (referenceSize < 1 || windowSize < 1 || bins < 1 || calibrationSize < 1) {
            throw new IllegalArgumentException("window sizes, bins and calibrationSize must all be >= 1, got referenceSize "
                    + referenceSize + ", windowSize " + windowSize + ", bins " + bins + ", calibrationSize " + calibrationSize);
        }
    }

    /** Returns reference 1000, windows of 500, 10 bins, calibration on 200 values. */
    public static WindowConfig defaults() {
        return new WindowConfig(1000, 500, 10, 200);
    }
}
