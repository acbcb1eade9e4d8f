package io.invstream.drift;

import java.util.Objects;

/**
 * One change of drift level for one detector on one stream of one environment.
 *
 * <p>Events are emitted only when a detector's level changes to {@link DriftLevel#WARNING} or
 * {@link DriftLevel#DRIFT} (including a step down from DRIFT to WARNING); repeated evaluations at the
 * same level and returns to {@link DriftLevel#NONE} emit nothing, so a persistent shift yields one
 * event, not one per window.
 *
 * @param environment the data source the observation came from (hospital, sensor, shop)
 * @param featureIndex the zero-based feature index for data drift, or {@link #LOSS} for concept drift
 *     on the loss stream
 * @param kind the statistic or algorithm that changed level
 * @param level the new level, never {@link DriftLevel#NONE}
 * @param statistic the detector's statistic at the change (PSI value, KS D, normalised W1, ADWIN's
 *     |mean difference| at the decisive cut, Page–Hinkley's cumulative deviation)
 * @param threshold the threshold the statistic exceeded to reach {@code level}
 * @param step the caller's step (offset or counter) of the observation that caused the change
 * @param timestampMillis the caller's timestamp, epoch milliseconds, of that observation
 */
public record DriftEvent(
        String environment,
        int featureIndex,
        DetectorKind kind,
        DriftLevel level,
        double statistic,
        double threshold,
        long step,
        long timestampMillis) {

    /** The {@link #featureIndex()} used for events about the loss stream (concept drift). */
    public static final int LOSS = -1;

    /** Validates the event; see the record components. */
    public DriftEvent {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(level, "level");
        if (level == DriftLevel.NONE) {
            throw new IllegalArgumentException("a DriftEvent reports WARNING or DRIFT, not NONE");
        }
        if (featureIndex < LOSS) {
            throw new IllegalArgumentException("featureIndex must be >= 0, or -1 for the loss stream, but was " + featureIndex);
        }
        if ((featureIndex == LOSS) == kind.watchesFeatures()) {
            throw new IllegalArgumentException(kind + " cannot report on featureIndex " + featureIndex
                    + ": data statistics report on features (index >= 0), loss detectors on -1");
        }
    }

    /** Returns whether this event concerns the loss stream (concept drift) rather than a feature. */
    public boolean concernsLoss() {
        return featureIndex == LOSS;
    }
}
