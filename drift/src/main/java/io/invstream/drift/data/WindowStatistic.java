package io.invstream.drift.data;

import io.invstream.drift.Assessment;
import io.invstream.drift.DetectorKind;
import io.invstream.drift.sketch.Histogram;

/**
 * A statistic that compares a current window with a reference window, both summarised as histograms
 * over the same bin edges, and grades the difference against its warning and drift thresholds.
 * Implementations are immutable records whose components are their thresholds.
 */
public interface WindowStatistic {

    /** Returns which statistic this is. */
    DetectorKind kind();

    /**
     * Computes the statistic and grades it.
     *
     * @throws IllegalArgumentException if the histograms do not share bin edges
     */
    Assessment assess(Histogram reference, Histogram current);

    /** Rejects histograms that cannot be compared bin by bin. */
    static void requireSameEdges(Histogram reference, Histogram current) {
        if (!reference.sharesEdgesWith(current)) {
            throw new IllegalArgumentException("reference and current histograms must share bin edges to be compared, but got "
                    + reference.edges() + " and " + current.edges());
        }
    }
}
