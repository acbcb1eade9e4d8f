package io.invstream.drift.data;

import io.invstream.drift.Assessment;
import io.invstream.drift.DetectorKind;
import io.invstream.drift.sketch.Histogram;

/**
 * Wasserstein-1 (earth mover's) distance {@code W1 = integral |F_ref(x) - F_cur(x)| dx}, divided by the
 * reference's population standard deviation so that one threshold works for every feature scale: a
 * value of 0.3 means "the mass moved by 0.3 reference standard deviations on average". A pure mean shift
 * of {@code k} standard deviations gives exactly {@code k}.
 *
 * <p><b>From the sketch.</b> Inside bin {@code b = [lo, hi)} holding share {@code p_b} with in-bin mean
 * {@code mu_b}, {@code integral_lo^hi F(x) dx = (hi - lo) * F(lo-) + p_b * (hi - mu_b)} holds exactly,
 * which is why histograms keep per-bin sums. The sketch sums {@code |integral_bin (F_ref - F_cur)|} over
 * bins, which equals the exact W1 in every bin where the two CDFs do not cross and understates it
 * otherwise. The underflow bin spans from the smaller of the two minima to the first edge, the
 * overflow bin from the last edge to the larger of the two maxima. Hence
 * {@code 0 <= W1_exact - W1_sketch <= sum_b (hi_b - lo_b) * (r_b + c_b)} ({@link #binningErrorBound}):
 * only bins where the CDFs cross can contribute, and there |F_ref - F_cur| is at most {@code r_b + c_b}.
 * The sketch is exact, for instance, when every value sits on the left edge of its bin.
 *
 * <p>A constant reference feature (standard deviation 0) gives 0 when the current window equals it
 * and {@code +Infinity} otherwise, which grades as drift: any movement of a constant is a change.
 *
 * <p>Defaults: warning above 0.2, drift above 0.3 reference standard deviations. They are chosen above
 * the sampling noise of the default windows (reference 1000, current 500, ten bins): with no change,
 * the normalised W1 measured over 4000 windows averaged 0.06 with a 99th percentile of 0.14–0.15
 * and a 99.9th of 0.17–0.20 for normal, log-normal and Poisson(3) data. The noise shrinks like
 * {@code sqrt(1/n + 1/m)}, so smaller windows need higher thresholds; larger windows may use lower ones.
 *
 * @param warningThreshold normalised W1 above this is a warning; default 0.2
 * @param driftThreshold normalised W1 above this is drift; default 0.3
 */
public record Wasserstein(double warningThreshold, double driftThreshold) implements WindowStatistic {

    /** Validates {@code 0 < warning <= drift < infinity}. */
    public Wasserstein {
        if (!(warningThreshold > 0 && warningThreshold <= driftThreshold && Double.isFinite(driftThreshold))) {
            throw new IllegalArgumentException("Wasserstein thresholds need 0 < warning <= drift < infinity, got warning "
                    + warningThreshold + ", drift " + driftThreshold);
        }
    }

    /** Returns warning 0.2 and drift 0.3 reference standard deviations. */
    public static Wasserstein defaults() {
        return new Wasserstein(0.2, 0.3);
    }

    @Override
    public DetectorKind kind() {
        return DetectorKind.WASSERSTEIN;
    }

    @Override
    public Assessment assess(Histogram reference, Histogram current) {
        return Assessment.grade(kind(), normalisedDistance(reference, current), warningThreshold, driftThreshold);
    }

    /**
     * Returns {@link #distance} divided by the reference standard deviation; for a constant reference,
     * 0 if the current window holds only that constant and {@code +Infinity} otherwise.
     */
    public static double normalisedDistance(Histogram reference, Histogram current) {
        double spread = reference.standardDeviation();
        if (spread == 0) {
            // Decided from the ranges, not from a distance that rounding could make 1e-16 instead of 0.
            boolean sameConstant = current.min() == reference.min() && current.max() == reference.max();
            return sameConstant ? 0 : Double.POSITIVE_INFINITY;
        }
        return distance(reference, current) / spread;
    }

    /** Returns the sketch's W1 in the feature's own units. */
    public static double distance(Histogram reference, Histogram current) {
        WindowStatistic.requireSameEdges(reference, current);
        double distance = 0;
        long referenceBelow = 0;
        long currentBelow = 0;
        for (int b = 0; b < reference.binCount(); b++) {
            double lo = lowerBound(reference, current, b);
            double hi = upperBound(reference, current, b);
            double gapBelow = (double) referenceBelow / reference.total() - (double) currentBelow / current.total();
            double inside = massTimesDistanceToTop(reference, b, hi) - massTimesDistanceToTop(current, b, hi);
            distance += Math.abs(Math.max(0, hi - lo) * gapBelow + inside);
            referenceBelow += reference.count(b);
            currentBelow += current.count(b);
        }
        return distance;
    }

    /** Returns {@code sum_b (hi_b - lo_b) * (r_b + c_b)}, the most the exact W1 can exceed {@link #distance}. */
    public static double binningErrorBound(Histogram reference, Histogram current) {
        WindowStatistic.requireSameEdges(reference, current);
        double bound = 0;
        for (int b = 0; b < reference.binCount(); b++) {
            double width = Math.max(0, upperBound(reference, current, b) - lowerBound(reference, current, b));
            bound += width * (reference.mass(b) + current.mass(b));
        }
        return bound;
    }

    /** {@code p_b * (hi - mu_b)}, the integral over the bin of the in-bin part of the CDF. */
    private static double massTimesDistanceToTop(Histogram histogram, int b, double hi) {
        long count = histogram.count(b);
        // mass * (hi - in-bin mean) rather than (count * hi - sum) / total, which cancels catastrophically.
        return count == 0 ? 0 : histogram.mass(b) * (hi - histogram.sum(b) / count);
    }

    private static double lowerBound(Histogram reference, Histogram current, int b) {
        return b == 0 ? Math.min(reference.min(), current.min()) : reference.edges().edge(b - 1);
    }

    private static double upperBound(Histogram reference, Histogram current, int b) {
        return b == reference.binCount() - 1 ? Math.max(reference.max(), current.max()) : reference.edges().edge(b);
    }
}
