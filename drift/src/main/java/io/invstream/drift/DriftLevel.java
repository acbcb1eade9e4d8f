package io.invstream.drift;

/**
 * Severity reported by every detector in this library, ordered from least to most severe.
 *
 * <p>{@link #WARNING} means "the evidence is building up; start preparing" (for instance buffer recent
 * examples), {@link #DRIFT} means "the change is statistically established at the configured
 * confidence; adapt". Each detector documents how its warning threshold is derived from its drift
 * threshold.
 */
public enum DriftLevel {
    /** No evidence of change at the warning threshold. */
    NONE,
    /** The warning threshold is exceeded but the drift threshold is not. */
    WARNING,
    /** The drift threshold is exceeded. */
    DRIFT;

    /** Returns whether this level is {@link #WARNING} or {@link #DRIFT}. */
    public boolean isAlarm() {
        return this != NONE;
    }
}
