package io.invstream.drift.monitor;

import io.invstream.drift.sketch.CalibratingAccumulator;
import io.invstream.drift.sketch.Histogram;
import io.invstream.drift.sketch.HistogramAccumulator;

/**
 * The reference and current windows of one feature, and its two phases.
 *
 * <p><b>Building</b> a reference: values go to a calibrating accumulator until it holds
 * {@code referenceSize} values, then it is sealed. <b>Monitoring</b>: values are counted on the
 * reference's bin edges (so the windows compare bin by bin) and, when the window may become the next
 * reference, also on bins of its own; every {@code windowSize} values the full window is handed out
 * for assessment.
 *
 * <p>Adopting a window starts a new building phase seeded with that window on its own bins, completed
 * to {@code referenceSize} by the values that follow. Why not adopt the window alone: a reference of
 * one window is noisier than the original reference, and with fixed PSI and Wasserstein thresholds
 * that put about 2 % of stationary windows at WARNING after adoption (20 seeds, 500-value windows),
 * against under 0.3 % with the original 1000-value reference; completing it restores the original noise level at the cost of not monitoring this feature for {@code referenceSize - windowSize}
 * values right after it drifted.
 */
final class FeatureWindows {

    private final WindowConfig windows;
    private final boolean mayAdoptWindows;
    private CalibratingAccumulator referenceBuilder;
    private Histogram reference;
    private HistogramAccumulator current;
    private CalibratingAccumulator currentOnOwnBins;

    FeatureWindows(WindowConfig windows, boolean mayAdoptWindows) {
        this.windows = windows;
        this.mayAdoptWindows = mayAdoptWindows;
        this.referenceBuilder = newReferenceBuilder();
    }

    /** Adds a value; returns the current window if this value filled it, otherwise {@code null}. */
    Histogram add(double value) {
        if (referenceBuilder != null) {
            referenceBuilder.add(value);
            if (referenceBuilder.total() >= windows.referenceSize()) {
                use(referenceBuilder.toHistogram());
            }
            return null;
        }
        current.add(value);
        if (currentOnOwnBins != null) {
            currentOnOwnBins.add(value);
        }
        return current.total() == windows.windowSize() ? current.toHistogram() : null;
    }

    /** Ends the window just handed out by {@link #add}; a drifted window is adopted if the policy allows. */
    void closeWindow(boolean drifted) {
        if (drifted && mayAdoptWindows) {
            referenceBuilder = currentOnOwnBins;
            currentOnOwnBins = newOwnBinsAccumulator();
            if (referenceBuilder.total() >= windows.referenceSize()) {
                use(referenceBuilder.toHistogram());
            }
        }
        current.clear();
        if (currentOnOwnBins != null) {
            currentOnOwnBins.clear();
        }
    }

    /** Replaces the reference and restarts the current window empty. */
    void use(Histogram newReference) {
        reference = newReference;
        referenceBuilder = null;
        current = new HistogramAccumulator(newReference.edges());
        currentOnOwnBins = mayAdoptWindows ? newOwnBinsAccumulator() : null;
    }

    /** Returns the latest sealed reference, or {@code null} before the first one. */
    Histogram reference() {
        return reference;
    }

    private CalibratingAccumulator newReferenceBuilder() {
        return new CalibratingAccumulator(windows.bins(), Math.min(windows.calibrationSize(), windows.referenceSize()));
    }

    private CalibratingAccumulator newOwnBinsAccumulator() {
        return new CalibratingAccumulator(windows.bins(), Math.min(windows.calibrationSize(), windows.windowSize()));
    }
}
