package io.invstream.drift;

/** The statistic or algorithm that produced a {@link DriftEvent}. */
public enum DetectorKind {
    /** Population stability index between binned reference and current windows (data drift). */
    PSI,
    /** Two-sample Kolmogorov–Smirnov statistic D between the windows' CDFs (data drift). */
    KS,
    /** Wasserstein-1 distance between the windows, divided by the reference standard deviation (data drift). */
    WASSERSTEIN,
    /** ADWIN adaptive windowing on the loss stream (concept drift). */
    ADWIN,
    /** Page–Hinkley test for an increase of the loss mean (concept drift). */
    PAGE_HINKLEY;

    /** Returns whether this detector watches the input features rather than the loss stream. */
    public boolean watchesFeatures() {
        return this == PSI || this == KS || this == WASSERSTEIN;
    }
}
