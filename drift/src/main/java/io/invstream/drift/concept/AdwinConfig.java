package io.invstream.drift.concept;

/**
 * Parameters of {@link Adwin}.
 *
 * @param delta confidence of the drift test: the probability bound of a false cut per check; default
 *     0.002 (the value used by MOA and river)
 * @param warningDelta looser confidence for the warning test, greater than {@code delta}; default 0.05,
 *     which lowers the cut threshold by a fifth to a third at window sizes in the thousands
 * @param clock evaluate the cuts once every {@code clock} values; default 32 (as in MOA), which
 *     amortises the {@code O(log W)} scan and adds at most {@code clock - 1} values of detection delay
 * @param maxBucketsPerRow buckets of each size kept before the two oldest merge, the {@code M} of the
 *     paper; default 5. Larger M means finer cut points and more memory, {@code O(M log W)}
 * @param minSubWindow fewest values either side of a cut for it to be tested; default 5
 * @param increasesOnly alarm only when the newer part's mean is the higher one (a loss that rises);
 *     a significant fall still shrinks the window, silently. Default false (two-sided, as in the paper)
 */
public record AdwinConfig(double delta, double warningDelta, int clock, int maxBucketsPerRow, int minSubWindow,
                          boolean increasesOnly) {

    /** Validates {@code 0 < delta < warningDelta < 1} and positive sizes ({@code maxBucketsPerRow >= 2}). */
    public AdwinConfig {
        if (!(delta > 0 && delta < warningDelta && warningDelta < 1)) {
            throw new IllegalArgumentException("ADWIN needs 0 < delta < warningDelta < 1 (the warning test is the looser one), got delta "
                    + delta + ", warningDelta " + warningDelta);
        }
        if (clock < 1 || maxBucketsPerRow < 2 || minSubWindow < 1) {
            throw new IllegalArgumentException("ADWIN needs clock >= 1, maxBucketsPerRow >= 2 and minSubWindow >= 1, got "
                    + clock + ", " + maxBucketsPerRow + ", " + minSubWindow);
        }
    }

    /** A two-sided detector with these parameters. */
    public AdwinConfig(double delta, double warningDelta, int clock, int maxBucketsPerRow, int minSubWindow) {
        this(delta, warningDelta, clock, maxBucketsPerRow, minSubWindow, false);
    }

    /** Returns delta 0.002, warning delta 0.05, clock 32, 5 buckets per row, sub-windows of at least 5, two-sided. */
    public static AdwinConfig defaults() {
        return new AdwinConfig(0.002, 0.05, 32, 5, 5);
    }

    /**
     * Returns a copy that alarms on increases only: for a loss stream where a falling loss is the
     * model learning, not a change anyone must act on.
     */
    public AdwinConfig withIncreasesOnly() {
        return new AdwinConfig(delta, warningDelta, clock, maxBucketsPerRow, minSubWindow, true);
    }
}
