package io.invstream.drift.data;

import io.invstream.drift.Assessment;
import io.invstream.drift.DetectorKind;
import io.invstream.drift.sketch.Histogram;

/**
 * Two-sample Kolmogorov–Smirnov statistic {@code D = sup_x |F_ref(x) - F_cur(x)|} from the histograms'
 * cumulative shares at the bin edges, graded against the asymptotic critical value
 * {@code D_alpha = c(alpha) * sqrt((n + m) / (n * m))} with {@code c(alpha) = sqrt(-ln(alpha / 2) / 2)}
 * for reference size {@code n} and current size {@code m} (Smirnov's limit distribution; e.g.
 * Knuth, TAOCP vol. 2, 3.3.1).
 *
 * <p><b>Binning.</b> The sketch evaluates both CDFs only at bin edges, so its D is a lower bound of the
 * exact two-sample D; it is exact when every value sits on the left edge of its bin (for instance
 * discrete data with one bin per value). Inside a bin either CDF rises by at most that bin's share, so
 * {@code 0 <= D_exact - D_sketch <= max_b max(r_b, c_b)} ({@link #binningErrorBound}). Because the
 * sketch never overstates D, it never raises the false-alarm rate above {@code alpha}; it can only
 * lose power for changes confined inside one bin.
 *
 * <p>Defaults: warning at {@code alpha = 0.01}, drift at {@code alpha = 0.001}, per feature and per
 * window. These are stricter than the textbook 0.05 because a monitor runs one test per feature per
 * window; with many features, divide alpha by the feature count (Bonferroni) to bound the
 * environment-wide false-alarm rate.
 *
 * @param warningAlpha significance level of the warning threshold; default 0.01
 * @param driftAlpha significance level of the drift threshold, at most {@code warningAlpha}; default 0.001
 */
public record KolmogorovSmirnov(double warningAlpha, double driftAlpha) implements WindowStatistic {

    /** Validates {@code 0 < driftAlpha <= warningAlpha < 1}. */
    public KolmogorovSmirnov {
        if (!(driftAlpha > 0 && driftAlpha <= warningAlpha && warningAlpha < 1)) {
            throw new IllegalArgumentException("KS significance levels need 0 < driftAlpha <= warningAlpha < 1, got warningAlpha "
                    + warningAlpha + ", driftAlpha " + driftAlpha);
        }
    }

    /** Returns warning alpha 0.01 and drift alpha 0.001. */
    public static KolmogorovSmirnov defaults() {
        return new KolmogorovSmirnov(0.01, 0.001);
    }

    @Override
    public DetectorKind kind() {
        return DetectorKind.KS;
    }

    @Override
    public Assessment assess(Histogram reference, Histogram current) {
        long n = reference.total();
        long m = current.total();
        return Assessment.grade(kind(), statistic(reference, current),
                criticalValue(warningAlpha, n, m), criticalValue(driftAlpha, n, m));
    }

    /** Returns the sketch's D: the largest gap between the cumulative shares at any bin edge. */
    public static double statistic(Histogram reference, Histogram current) {
        WindowStatistic.requireSameEdges(reference, current);
        long referenceBelow = 0;
        long currentBelow = 0;
        double largestGap = 0;
        for (int b = 0; b < reference.binCount() - 1; b++) {
            referenceBelow += reference.count(b);
            currentBelow += current.count(b);
            double gap = Math.abs((double) referenceBelow / reference.total() - (double) currentBelow / current.total());
            largestGap = Math.max(largestGap, gap);
        }
        return largestGap;
    }

    /** Returns {@code max_b max(r_b, c_b)}, the most the exact D can exceed {@link #statistic}. */
    public static double binningErrorBound(Histogram reference, Histogram current) {
        WindowStatistic.requireSameEdges(reference, current);
        double bound = 0;
        for (int b = 0; b < reference.binCount(); b++) {
            bound = Math.max(bound, Math.max(reference.mass(b), current.mass(b)));
        }
        return bound;
    }

    /**
     * Returns the asymptotic two-sample critical value
     * {@code sqrt(-ln(alpha / 2) / 2) * sqrt((n + m) / (n * m))}.
     */
    public static double criticalValue(double alpha, long n, long m) {
        if (!(alpha > 0 && alpha < 1) || n < 1 || m < 1) {
            throw new IllegalArgumentException("need 0 < alpha < 1 and sizes >= 1, got alpha " + alpha + ", n " + n + ", m " + m);
        }
        return Math.sqrt(-Math.log(alpha / 2) / 2) * Math.sqrt((double) (n + m) / ((double) n * m));
    }
}
