package io.invstream.drift.concept;

import io.invstream.drift.DriftLevel;
import java.util.Objects;

/**
 * Page–Hinkley test for an increase of the mean (Page, 1954; Hinkley, 1971; in the streaming form of
 * Gama, Sebastião and Rodrigues, "On evaluating stream learning algorithms", Machine Learning 2013).
 * After value {@code x_T}, with {@code mean_T} the mean of the values since the last (re)start:
 * <pre>
 *   m_T  = alpha * m_(T-1) + (x_T - mean_T - delta)     (m_0 = 0)
 *   PH_T = m_T - min(0, m_1, ..., m_T)
 * </pre>
 * {@link DriftLevel#DRIFT} when {@code PH_T > lambda}, {@link DriftLevel#WARNING} when
 * {@code PH_T > warningFraction * lambda}, both only after {@code minInstances} values.
 *
 * <p>One-sided on purpose: on a loss stream only an increase means the model got worse; a falling loss
 * is not an alarm. After reporting DRIFT the test restarts from scratch with the next value, so the
 * new regime becomes the baseline (the classic reset-after-detection). {@link #statistic()} is
 * {@code PH_T}, in loss units.
 */
public final class PageHinkley implements ConceptDriftDetector {

    private final PageHinkleyConfig config;
    private long seen;
    private double mean;
    private double cumulative;
    private double lowest;
    private boolean restartBeforeNext;
    private DriftLevel level;
    private double statistic;

    /** Creates a test with the given parameters. */
    public PageHinkley(PageHinkleyConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        reset();
    }

    /** Creates a test with {@link PageHinkleyConfig#defaults()}. */
    public PageHinkley() {
        this(PageHinkleyConfig.defaults());
    }

    @Override
    public DriftLevel update(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("Page-Hinkley cannot take " + value + ": only finite values are tested");
        }
        if (restartBeforeNext) {
            reset();
        }
        seen++;
        mean += (value - mean) / seen;
        cumulative = config.alpha() * cumulative + (value - mean - config.delta());
        lowest = Math.min(lowest, cumulative);
        statistic = cumulative - lowest;
        level = grade();
        restartBeforeNext = level == DriftLevel.DRIFT;
        return level;
    }

    private DriftLevel grade() {
        if (seen < config.minInstances()) {
            return DriftLevel.NONE;
        }
        if (statistic > config.lambda()) {
            return DriftLevel.DRIFT;
        }
        return statistic > config.warningThreshold() ? DriftLevel.WARNING : DriftLevel.NONE;
    }

    @Override
    public DriftLevel level() {
        return level;
    }

    @Override
    public double statistic() {
        return statistic;
    }

    @Override
    public double threshold() {
        return level == DriftLevel.DRIFT ? config.lambda() : config.warningThreshold();
    }

    @Override
    public void reset() {
        seen = 0;
        mean = 0;
        cumulative = 0;
        lowest = 0;
        statistic = 0;
        restartBeforeNext = false;
        level = DriftLevel.NONE;
    }

    /** Returns the number of values since the last (re)start. */
    public long seen() {
        return seen;
    }
}
