package io.invstream.drift.concept;

import io.invstream.drift.DriftLevel;
import java.util.Objects;

/**
 * ADWIN2, adaptive windowing (A. Bifet and R. Gavaldà, "Learning from Time-Changing Data with
 * Adaptive Windowing", SIAM SDM 2007). The window of recent values is kept as an
 * {@link ExponentialHistogram} ({@code O(M log W)} memory). Every {@code clock} values each bucket
 * boundary splits the window into an older part {@code W0} ({@code n0} values, mean {@code mu0}) and
 * a newer part {@code W1} ({@code n1}, {@code mu1}), both at least {@code minSubWindow} long, and the
 * cut is significant when
 * <pre>
 *   |mu0 - mu1| &gt; eps_cut = sqrt(2 * (1/n0 + 1/n1) * var_W * ln(2/delta')) + 2/3 * (1/n0 + 1/n1) * ln(2/delta')
 * </pre>
 * with {@code var_W} the window's variance and {@code delta' = delta / ln W} (the paper's Bernstein-type
 * bound, with the union-bound correction for the {@code O(log W)} cuts ADWIN2 examines, as in MOA).
 * The second term assumes values of range about 1; for losses spread more widely the variance term
 * dominates anyway.
 *
 * <p><b>Levels.</b> While some cut is significant at {@code delta}, the oldest bucket is dropped and the
 * scan repeats; if anything was dropped the level is {@link DriftLevel#DRIFT}, and the shrunken window
 * now describes the new regime (ADWIN's own reset). Otherwise, if some cut is significant at the looser
 * {@code warningDelta}, the level is {@link DriftLevel#WARNING}, and nothing is dropped. Levels change
 * only at checks, every {@code clock} values, and hold in between.
 *
 * <p><b>One-sided.</b> With {@link AdwinConfig#increasesOnly()} only cuts where {@code mu1 > mu0} raise
 * WARNING or DRIFT. Cuts where the mean fell still shrink the window when significant, so later
 * increases are measured against the recent (lower) level, but they report NONE.
 *
 * <p>{@link #statistic()} is {@code |mu0 - mu1|} and {@link #threshold()} its {@code eps_cut}, for the
 * cut that caused DRIFT, or otherwise for the cut closest to the warning threshold; before any cut can
 * be tested they are 0 and {@code +Infinity}.
 */
public final class Adwin implements ConceptDriftDetector {

    private final AdwinConfig config;
    private final ExponentialHistogram window;
    private int sinceCheck;
    private DriftLevel level;
    private double statistic;
    private double threshold;

    /** Creates a detector with the given parameters. */
    public Adwin(AdwinConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.window = new ExponentialHistogram(config.maxBucketsPerRow());
        reset();
    }

    /** Creates a detector with {@link AdwinConfig#defaults()}. */
    public Adwin() {
        this(AdwinConfig.defaults());
    }

    @Override
    public DriftLevel update(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("ADWIN cannot take " + value + ": only finite values are tested");
        }
        window.add(value);
        if (++sinceCheck >= config.clock()) {
            sinceCheck = 0;
            level = check();
        }
        return level;
    }

    private DriftLevel check() {
        boolean drifted = false;
        CutScan scan = scanCuts();
        // Drop the oldest bucket while any cut is significant: in two-sided mode every such cut is
        // an alarm; in one-sided mode a fall only adapts the window.
        while (scan.adaptRatio > 1) {
            if (!drifted && scan.driftRatio > 1) {
                statistic = scan.driftGap;
                threshold = scan.driftEpsilon;
                drifted = true;
            }
            window.removeOldest();
            scan = scanCuts();
        }
        if (drifted) {
            return DriftLevel.DRIFT;
        }
        statistic = scan.warningGap;
        threshold = scan.warningEpsilon;
        return scan.warningRatio > 1 ? DriftLevel.WARNING : DriftLevel.NONE;
    }

    private CutScan scanCuts() {
        CutScan scan = new CutScan();
        long width = window.width();
        if (width < 2L * config.minSubWindow()) {
            return scan;
        }
        double variance = window.variance();
        double total = window.sum();
        double logWidth = Math.log(width);
        double driftLog = Math.log(2 * logWidth / config.delta());
        double warningLog = Math.log(2 * logWidth / config.warningDelta());
        window.visitCuts((olderWidth, olderSum) -> {
            long newerWidth = width - olderWidth;
            if (olderWidth < config.minSubWindow() || newerWidth < config.minSubWindow()) {
                return false;
            }
            double rise = (total - olderSum) / newerWidth - olderSum / olderWidth;
            double harmonic = 1.0 / olderWidth + 1.0 / newerWidth;
            boolean alarms = !config.increasesOnly() || rise > 0;
            scan.offer(Math.abs(rise), epsilon(harmonic, variance, driftLog), epsilon(harmonic, variance, warningLog), alarms);
            return false;
        });
        return scan;
    }

    private static double epsilon(double harmonic, double variance, double logTerm) {
        return Math.sqrt(2 * harmonic * variance * logTerm) + 2.0 / 3.0 * harmonic * logTerm;
    }

    @Override
    public DriftLevel level() {
        return level;
    }

    @Override
    public double statistic() {
        return statistic;
    }

    @Override
    public double threshold() {
        return threshold;
    }

    @Override
    public void reset() {
        window.clear();
        sinceCheck = 0;
        level = DriftLevel.NONE;
        statistic = 0;
        threshold = Double.POSITIVE_INFINITY;
    }

    /** Returns the number of values in the current adaptive window. */
    public long width() {
        return window.width();
    }

    /** Returns the mean of the current adaptive window (0 when empty). */
    public double mean() {
        return window.width() == 0 ? 0 : window.sum() / window.width();
    }

    /** Returns the number of buckets the window is stored in, {@code O(M log W)}. */
    public int bucketCount() {
        return window.bucketCount();
    }

    /**
     * The most significant cut of one scan: among the cuts that may alarm, at the drift and at the
     * warning confidence; among all cuts, at the drift confidence (for adapting the window).
     */
    private static final class CutScan {
        double adaptRatio = -1;
        // -1 so that the first tested cut is recorded even when its gap is 0.
        double driftRatio = -1;
        double driftGap;
        double driftEpsilon = Double.POSITIVE_INFINITY;
        double warningRatio = -1;
        double warningGap;
        double warningEpsilon = Double.POSITIVE_INFINITY;

        void offer(double gap, double driftEps, double warningEps, boolean alarms) {
            adaptRatio = Math.max(adaptRatio, gap / driftEps);
            if (!alarms) {
                return;
            }
            if (gap / driftEps > driftRatio) {
                driftRatio = gap / driftEps;
                driftGap = gap;
                driftEpsilon = driftEps;
            }
            if (gap / warningEps > warningRatio) {
                warningRatio = gap / warningEps;
                warningGap = gap;
                warningEpsilon = warningEps;
            }
        }
    }
}
