package io.invstream.drift.monitor;

/** What a feature's reference becomes after one of its data statistics reports DRIFT. */
public enum ReferencePolicy {
    /**
     * Keep the reference: a persistent shift stays at DRIFT (reported once) until the data returns or
     * the environment is {@linkplain DriftMonitor#reset(String) reset}. Right when the reference is a
     * trusted baseline, such as the data the model was trained on.
     */
    KEEP,
    /**
     * Adopt the window that drifted as the start of the feature's new reference, on bin edges re-learned
     * from that window's own calibration prefix, and complete it to {@code referenceSize} values with the
     * feature's next values; then monitoring of the feature resumes against the new regime, so a
     * persistent shift is reported once. Right when the model is retrained continually and "normal"
     * moves with it. While the new reference is completed the feature is not assessed, its levels stay
     * at their last values, and {@link DriftMonitor#reference} still returns the previous reference.
     * Costs one more {@code O(bins + calibrationSize)} histogram per feature.
     */
    ADOPT_CURRENT
}
