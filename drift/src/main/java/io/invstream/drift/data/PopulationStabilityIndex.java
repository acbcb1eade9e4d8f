package io.invstream.drift.data;

import io.invstream.drift.Assessment;
import io.invstream.drift.DetectorKind;
import io.invstream.drift.sketch.Histogram;

/**
 * Population stability index over the histogram bins:
 * {@code PSI = sum_b (c_b - r_b) * ln(c_b / r_b)}, where {@code r_b} and {@code c_b} are the reference
 * and current shares of bin {@code b}, each raised to at least {@code epsilon} so that empty bins give a
 * finite value (the shares are not renormalised afterwards, as in the usual credit-scoring practice).
 * A bin empty in both windows contributes exactly zero.
 *
 * <p>PSI is the symmetrised Kullback–Leibler divergence (Jeffreys divergence) of the binned
 * distributions. Conventional reading (Siddiqi, <i>Credit Risk Scorecards</i>, 2006): below 0.1 no
 * significant change, 0.1–0.25 moderate change, above 0.25 significant change; these are the
 * {@link #defaults()}. Under no change, PSI is roughly {@code chi2(B - 1) * (1/n + 1/m)} for {@code B}
 * occupied bins and window sizes {@code n}, {@code m}, so the fixed thresholds assume windows of a few
 * hundred values or more; with ten bins and windows of 1000 and 500 the no-change mean is about 0.03.
 *
 * @param warningThreshold PSI above this is a warning; default 0.1
 * @param driftThreshold PSI above this is drift; default 0.25
 * @param epsilon floor applied to each bin share; default 1e-4
 */
public record PopulationStabilityIndex(double warningThreshold, double driftThreshold, double epsilon)
        implements WindowStatistic {

    /** Validates the thresholds: {@code 0 < warning <= drift}, {@code 0 < epsilon < 1}. */
    public PopulationStabilityIndex {
        if (!(warningThreshold > 0 && warningThreshold <= driftThreshold && Double.isFinite(driftThreshold))) {
            throw new IllegalArgumentException("PSI thresholds need 0 < warning <= drift < infinity, got warning "
                    + warningThreshold + ", drift " + driftThreshold);
        }
        if (!(epsilon > 0 && epsilon < 1)) {
            throw new IllegalArgumentException("PSI epsilon must lie in (0, 1), got " + epsilon);
        }
    }

    /** Returns warning 0.1, drift 0.25, epsilon 1e-4. */
    public static PopulationStabilityIndex defaults() {
        return new PopulationStabilityIndex(0.1, 0.25, 1e-4);
    }

    @Override
    public DetectorKind kind() {
        return DetectorKind.PSI;
    }

    @Override
    public Assessment assess(Histogram reference, Histogram current) {
        return Assessment.grade(kind(), value(reference, current), warningThreshold, driftThreshold);
    }

    /** Computes the PSI of {@code current} against {@code reference}. */
    public double value(Histogram reference, Histogram current) {
        WindowStatistic.requireSameEdges(reference, current);
        double psi = 0;
        for (int b = 0; b < reference.binCount(); b++) {
            double r = Math.max(reference.mass(b), epsilon);
            double c = Math.max(current.mass(b), epsilon);
            psi += (c - r) * Math.log(c / r);
        }
        return psi;
    }
}
