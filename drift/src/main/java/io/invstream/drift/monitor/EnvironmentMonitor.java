package io.invstream.drift.monitor;

import io.invstream.drift.Assessment;
import io.invstream.drift.DetectorKind;
import io.invstream.drift.DriftEvent;
import io.invstream.drift.DriftLevel;
import io.invstream.drift.concept.Adwin;
import io.invstream.drift.concept.ConceptDriftDetector;
import io.invstream.drift.concept.PageHinkley;
import io.invstream.drift.data.WindowStatistic;
import io.invstream.drift.sketch.Histogram;
import java.util.ArrayList;
import java.util.List;

/**
 * All drift state of one environment. Observations arrive already validated by {@link DriftMonitor}.
 *
 * <p>Order of one observation (features and loss may also arrive separately, in the same order within
 * each): the loss goes to ADWIN then Page–Hinkley; then each feature value goes
 * to its {@link FeatureWindows}, and a feature whose current window just filled is assessed by PSI, KS
 * and Wasserstein (in that order) before its next window starts, adopting the window first if it
 * drifted and the policy says so. Features start in step; one that re-references after adoption
 * resumes on its own schedule.
 */
final class EnvironmentMonitor {

    private final List<WindowStatistic> statistics;
    private final FeatureWindows[] features;
    private final Adwin adwin;
    private final PageHinkley pageHinkley;
    private final LevelChanges levels;

    EnvironmentMonitor(String environment, int featureCount, DriftConfig config) {
        this.statistics = config.dataStatistics();
        this.features = new FeatureWindows[featureCount];
        boolean mayAdopt = config.referencePolicy() == ReferencePolicy.ADOPT_CURRENT;
        for (int f = 0; f < featureCount; f++) {
            features[f] = new FeatureWindows(config.windows(), mayAdopt);
        }
        this.adwin = new Adwin(config.adwin());
        this.pageHinkley = new PageHinkley(config.pageHinkley());
        this.levels = new LevelChanges(environment, featureCount);
    }

    int featureCount() {
        return features.length;
    }

    List<DriftEvent> observe(float[] values, double loss, long step, long timestampMillis) {
        List<DriftEvent> events = new ArrayList<>(2);
        observeLoss(loss, step, timestampMillis, events);
        observeFeatures(values, step, timestampMillis, events);
        return events;
    }

    void observeLoss(double loss, long step, long timestampMillis, List<DriftEvent> events) {
        watchLoss(DetectorKind.ADWIN, adwin, loss, step, timestampMillis, events);
        watchLoss(DetectorKind.PAGE_HINKLEY, pageHinkley, loss, step, timestampMillis, events);
    }

    void observeFeatures(float[] values, long step, long timestampMillis, List<DriftEvent> events) {
        for (int f = 0; f < features.length; f++) {
            Histogram window = features[f].add(values[f]);
            if (window != null) {
                features[f].closeWindow(assess(f, window, step, timestampMillis, events));
            }
        }
    }

    private void watchLoss(DetectorKind kind, ConceptDriftDetector detector, double loss, long step, long timestampMillis,
                           List<DriftEvent> events) {
        DriftLevel level = detector.update(loss);
        levels.record(DriftEvent.LOSS, new Assessment(kind, level, detector.statistic(), detector.threshold()),
                step, timestampMillis, events);
    }

    /** Assesses one full window of feature {@code f}; returns whether any statistic reached DRIFT. */
    private boolean assess(int f, Histogram window, long step, long timestampMillis, List<DriftEvent> events) {
        boolean drifted = false;
        for (WindowStatistic statistic : statistics) {
            Assessment assessment = statistic.assess(features[f].reference(), window);
            levels.record(f, assessment, step, timestampMillis, events);
            drifted |= assessment.level() == DriftLevel.DRIFT;
        }
        return drifted;
    }

    /**
     * Returns every feature's latest sealed reference, or {@code null} while the first reference is
     * still being collected.
     */
    ReferenceSnapshot reference() {
        List<Histogram> histograms = new ArrayList<>(features.length);
        for (FeatureWindows feature : features) {
            if (feature.reference() == null) {
                return null;
            }
            histograms.add(feature.reference());
        }
        return new ReferenceSnapshot(histograms);
    }

    void fixReference(ReferenceSnapshot snapshot) {
        for (int f = 0; f < features.length; f++) {
            features[f].use(snapshot.feature(f));
        }
    }

    DriftLevel level(int featureIndex, DetectorKind kind) {
        return levels.level(featureIndex, kind);
    }

    DriftLevel highestLevel(DetectorKind kind) {
        return levels.highest(kind);
    }
}
