package io.invstream.drift.concept;

import io.invstream.drift.DriftLevel;

/**
 * A sequential change detector fed one real value at a time (here: an environment's loss).
 *
 * <p>Contract shared by implementations: {@link #update(double)} rejects NaN and infinite values with
 * an {@link IllegalArgumentException} before changing any state; {@link #level()} is the outcome of
 * the most recent evaluation; {@link DriftLevel#DRIFT} is reported on the evaluation that established
 * the change, after which the detector adapts by itself (each implementation says how), so later
 * evaluations judge the new regime. Implementations are not thread-safe.
 */
public interface ConceptDriftDetector {

    /**
     * Feeds one value and returns the level after it.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite (nothing is recorded)
     */
    DriftLevel update(double value);

    /** Returns the level of the most recent evaluation ({@link DriftLevel#NONE} before any). */
    DriftLevel level();

    /** Returns the test statistic of the most recent evaluation, in the units the implementation documents. */
    double statistic();

    /**
     * Returns the threshold that goes with {@link #level()}: the drift threshold for DRIFT, the warning
     * threshold for WARNING and for NONE.
     */
    double threshold();

    /** Forgets everything seen, as if newly constructed. */
    void reset();
}
