package io.invstream.drift;

import java.util.Objects;

/**
 * One graded evaluation of one detector: its level, statistic and the threshold that goes with the level.
 *
 * @param kind the detector
 * @param level {@link DriftLevel#DRIFT} if {@code value > driftThreshold}, else {@link DriftLevel#WARNING}
 *     if {@code value > warningThreshold}, else {@link DriftLevel#NONE}
 * @param value the detector's statistic
 * @param threshold the threshold of the level reached; for {@link DriftLevel#NONE} the warning
 *     threshold, the next one to cross
 */
public record Assessment(DetectorKind kind, DriftLevel level, double value, double threshold) {

    /** Validates the assessment; see the record components. */
    public Assessment {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(level, "level");
    }

    /**
     * Grades {@code value} against two thresholds. Comparisons are strict, so a value equal to a
     * threshold does not reach its level.
     */
    public static Assessment grade(DetectorKind kind, double value, double warningThreshold, double driftThreshold) {
        if (value > driftThreshold) {
            return new Assessment(kind, DriftLevel.DRIFT, value, driftThreshold);
        }
        if (value > warningThreshold) {
            return new Assessment(kind, DriftLevel.WARNING, value, warningThreshold);
        }
        return new Assessment(kind, DriftLevel.NONE, value, warningThreshold);
    }
}
