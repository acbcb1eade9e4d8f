package io.invstream.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invstream.drift.DetectorKind;
import io.invstream.drift.DriftEvent;
import io.invstream.drift.DriftLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DriftMonitorTest {

    private static final WindowConfig SMALL = new WindowConfig(400, 200, 10, 100);
    private static final DriftConfig KEEP = DriftConfig.defaults().withWindows(SMALL);

    /** Feeds {@code count} one-feature observations of N(mean, 1) with loss 0.5, returning all events. */
    private static List<DriftEvent> feed(DriftMonitor monitor, String environment, Random random, int count, double mean, long firstStep) {
        List<DriftEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long step = firstStep + i;
            events.addAll(monitor.observe(environment, new float[] {(float) (mean + random.nextGaussian())}, 0.5, step, 1000 * step));
        }
        return events;
    }

    @Test
    void persistentShiftIsReportedOncePerStatistic() {
        DriftMonitor monitor = new DriftMonitor(KEEP);
        Random random = new Random(1);
        feed(monitor, "hospital-a", random, 400 + 3 * 200, 0, 0);

        List<DriftEvent> events = feed(monitor, "hospital-a", random, 10 * 200, 2, 1000);

        assertThat(events).extracting(DriftEvent::kind)
                .containsExactlyInAnyOrder(DetectorKind.PSI, DetectorKind.KS, DetectorKind.WASSERSTEIN);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.level()).isEqualTo(DriftLevel.DRIFT);
            assertThat(event.featureIndex()).isZero();
            assertThat(event.statistic()).isGreaterThan(event.threshold());
            assertThat(event.step()).isEqualTo(1199);
            assertThat(event.timestampMillis()).isEqualTo(1_199_000);
        });
        assertThat(monitor.level("hospital-a", 0, DetectorKind.KS)).isEqualTo(DriftLevel.DRIFT);
    }

    @Test
    void adoptingTheDriftedWindowMakesTheNewRegimeNormal() {
        // Default window sizes: with a reference of only a few hundred values the default thresholds sit
        // too close to the sampling noise of the adopted (window-sized) reference.
        DriftMonitor monitor = new DriftMonitor(DriftConfig.defaults().withReferencePolicy(ReferencePolicy.ADOPT_CURRENT));
        Random random = new Random(2);
        feed(monitor, "shop", random, 1_000, 0, 0);
        double oldReferenceMean = monitor.reference("shop").orElseThrow().feature(0).mean();

        List<DriftEvent> events = feed(monitor, "shop", random, 10 * 500, 2, 1_000);

        assertThat(events).extracting(DriftEvent::kind)
                .containsExactlyInAnyOrder(DetectorKind.PSI, DetectorKind.KS, DetectorKind.WASSERSTEIN);
        assertThat(oldReferenceMean).isBetween(-0.1, 0.1);
        assertThat(monitor.reference("shop").orElseThrow().feature(0).mean()).isBetween(1.9, 2.1);
        assertThat(monitor.reference("shop").orElseThrow().feature(0).total()).as("the drifted window, completed to referenceSize").isEqualTo(1_000);
        for (DetectorKind kind : List.of(DetectorKind.PSI, DetectorKind.KS, DetectorKind.WASSERSTEIN)) {
            assertThat(monitor.level("shop", 0, kind)).isEqualTo(DriftLevel.NONE);
        }
    }

    @Test
    void lossJumpRaisesWarningThenDriftOnTheLossStream() {
        DriftMonitor monitor = new DriftMonitor(KEEP);
        Random random = new Random(3);
        List<DriftEvent> events = new ArrayList<>();
        for (int step = 0; step < 3_000; step++) {
            double loss = (step < 2_000 ? 0.5 : 0.8) + 0.2 * random.nextGaussian();
            events.addAll(monitor.observe("sensor-7", new float[] {(float) random.nextGaussian()}, loss, step, step));
        }

        List<DriftEvent> pageHinkley = events.stream().filter(e -> e.kind() == DetectorKind.PAGE_HINKLEY).toList();
        List<DriftEvent> adwin = events.stream().filter(e -> e.kind() == DetectorKind.ADWIN).toList();
        assertThat(pageHinkley).extracting(DriftEvent::level).startsWith(DriftLevel.WARNING, DriftLevel.DRIFT);
        assertThat(pageHinkley.get(0).step()).isBetween(2_000L, pageHinkley.get(1).step() - 1);
        assertThat(adwin).extracting(DriftEvent::level).contains(DriftLevel.DRIFT);
        assertThat(adwin).allSatisfy(e -> assertThat(e.step()).isGreaterThanOrEqualTo(2_000));
        assertThat(events).filteredOn(DriftEvent::concernsLoss).hasSize(pageHinkley.size() + adwin.size());
    }

    @Test
    void environmentsAreJudgedSeparately() {
        DriftMonitor monitor = new DriftMonitor(KEEP);
        Random random = new Random(4);
        feed(monitor, "hospital-a", random, 400, 0, 0);
        feed(monitor, "hospital-b", random, 400, 0, 0);

        List<DriftEvent> stable = feed(monitor, "hospital-a", random, 600, 0, 400);
        List<DriftEvent> shifted = feed(monitor, "hospital-b", random, 600, 3, 400);

        assertThat(stable).isEmpty();
        assertThat(shifted).isNotEmpty().allSatisfy(e -> assertThat(e.environment()).isEqualTo("hospital-b"));
        assertThat(monitor.environments()).containsExactlyInAnyOrder("hospital-a", "hospital-b");
    }

    @Test
    void rejectedObservationsLeaveNoTrace() {
        DriftMonitor clean = new DriftMonitor(KEEP);
        DriftMonitor withRejects = new DriftMonitor(KEEP);
        Random cleanRandom = new Random(5);
        Random otherRandom = new Random(5);
        List<DriftEvent> cleanEvents = new ArrayList<>();
        List<DriftEvent> otherEvents = new ArrayList<>();
        for (int step = 0; step < 1_000; step++) {
            float[] features = {(float) cleanRandom.nextGaussian(), step};
            float[] same = {(float) otherRandom.nextGaussian(), step};
            double loss = 0.5 + (step > 700 ? 1 : 0);
            cleanEvents.addAll(clean.observe("shop", features, loss, step, step));
            otherEvents.addAll(withRejects.observe("shop", same, loss, step, step));
            if (step % 97 == 0) {
                assertThatThrownBy(() -> withRejects.observe("shop", new float[] {Float.NaN, 0}, 0.5, 1, 1))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("feature 0 is NaN").hasMessageContaining("'shop'");
                assertThatThrownBy(() -> withRejects.observe("shop", new float[] {0, 0}, Double.POSITIVE_INFINITY, 1, 1))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loss is Infinity");
                assertThatThrownBy(() -> withRejects.observe("shop", new float[] {0}, 0.5, 1, 1))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 1 features");
            }
        }

        assertThat(otherEvents).isEqualTo(cleanEvents).isNotEmpty();
        assertThat(withRejects.reference("shop")).isEqualTo(clean.reference("shop"));
    }

    @Test
    void rejectsBadEnvironmentNames() {
        DriftMonitor monitor = new DriftMonitor(KEEP);

        assertThatThrownBy(() -> monitor.observe(" ", new float[] {1}, 0.5, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> monitor.observe(null, new float[] {1}, 0.5, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(monitor.environments()).isEmpty();
    }

    @Test
    void fixedReferenceStartsMonitoringAtOnce() {
        DriftMonitor learner = new DriftMonitor(KEEP);
        feed(learner, "train", new Random(6), 400, 0, 0);
        ReferenceSnapshot snapshot = learner.reference("train").orElseThrow();
        DriftMonitor production = new DriftMonitor(KEEP);

        production.fixReference("prod", snapshot);
        List<DriftEvent> events = feed(production, "prod", new Random(7), 200, 2, 0);

        assertThat(events).extracting(DriftEvent::kind)
                .containsExactlyInAnyOrder(DetectorKind.PSI, DetectorKind.KS, DetectorKind.WASSERSTEIN);
        assertThat(production.reference("prod")).contains(snapshot);
        assertThatThrownBy(() -> production.fixReference("prod", new ReferenceSnapshot(List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    }

    @Test
    void resetStartsANewReferenceAndAllowsANewSchema() {
        DriftMonitor monitor = new DriftMonitor(KEEP);
        feed(monitor, "sensor", new Random(8), 400, 0, 0);
        assertThat(monitor.reference("sensor")).isPresent();

        monitor.reset("sensor");
        monitor.observe("sensor", new float[] {1, 2, 3}, 0.5, 0, 0);

        assertThat(monitor.reference("sensor")).isEmpty();
        assertThat(monitor.level("sensor", 2, DetectorKind.PSI)).isEqualTo(DriftLevel.NONE);
    }

    @Test
    void levelQueriesAreChecked() {
        DriftMonitor monitor = new DriftMonitor(KEEP);
        monitor.observe("sensor", new float[] {1}, 0.5, 0, 0);

        assertThat(monitor.level("sensor", DriftEvent.LOSS, DetectorKind.ADWIN)).isEqualTo(DriftLevel.NONE);
        assertThatThrownBy(() -> monitor.level("sensor", DriftEvent.LOSS, DetectorKind.PSI)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> monitor.level("sensor", 1, DetectorKind.KS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> monitor.level("other", 0, DetectorKind.KS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sensor");
    }

    @Test
    void detectorLevelIsTheMostSevereOverFeaturesAndFallsBackWhenTheShiftEnds() {
        DriftMonitor monitor = new DriftMonitor(KEEP);
        Random random = new Random(9);
        for (int i = 0; i < 400 + 2 * 200; i++) {
            monitor.observe("shop", new float[] {(float) random.nextGaussian(), (float) random.nextGaussian()}, 0.5, i, i);
        }
        assertThat(monitor.level("shop", DetectorKind.KS)).isEqualTo(DriftLevel.NONE);

        for (int i = 0; i < 200; i++) {
            monitor.observe("shop", new float[] {(float) random.nextGaussian(), (float) (3 + random.nextGaussian())}, 0.5, i, i);
        }
        DriftLevel whileShifted = monitor.level("shop", DetectorKind.KS);
        for (int i = 0; i < 200; i++) {
            monitor.observe("shop", new float[] {(float) random.nextGaussian(), (float) random.nextGaussian()}, 0.5, i, i);
        }

        assertThat(whileShifted).as("feature 1 drifted, feature 0 did not").isEqualTo(DriftLevel.DRIFT);
        assertThat(monitor.level("shop", 0, DetectorKind.KS)).isEqualTo(DriftLevel.NONE);
        assertThat(monitor.level("shop", DetectorKind.KS)).as("the next window matches the reference again").isEqualTo(DriftLevel.NONE);
        assertThat(monitor.level("shop", DetectorKind.ADWIN)).isEqualTo(DriftLevel.NONE);
        assertThatThrownBy(() -> monitor.level("other", DetectorKind.ADWIN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void featuresAndLossesCanArriveSeparatelyAtTheirOwnRates() {
        DriftMonitor monitor = new DriftMonitor();
        Random random = new Random(10);
        List<DriftEvent> events = new ArrayList<>();
        for (int batch = 0; batch < 600; batch++) {
            for (int i = 0; i < 8; i++) {
                events.addAll(monitor.observeFeatures("shop", new float[] {(float) random.nextGaussian()}, batch, batch));
            }
            double meanLoss = (batch < 300 ? 0.2 : 0.5) + 0.02 * random.nextGaussian();
            events.addAll(monitor.observeLoss("shop", meanLoss, batch, batch));
        }

        assertThat(events).as("features never changed").noneMatch(e -> e.kind().watchesFeatures() && e.level() == DriftLevel.DRIFT);
        assertThat(events).filteredOn(e -> e.level() == DriftLevel.DRIFT).extracting(DriftEvent::kind)
                .contains(DetectorKind.ADWIN, DetectorKind.PAGE_HINKLEY);
        assertThat(events).filteredOn(DriftEvent::concernsLoss).allSatisfy(e -> assertThat(e.step()).isGreaterThanOrEqualTo(300));
        assertThat(monitor.reference("shop")).as("4800 feature values filled the reference").isPresent();
    }

    @Test
    void aLossForAnEnvironmentWithoutFeaturesOrANonFiniteLossIsRejected() {
        DriftMonitor monitor = new DriftMonitor(KEEP);
        assertThatThrownBy(() -> monitor.observeLoss("shop", 0.5, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("features first");
        monitor.observeFeatures("shop", new float[] {1, 2}, 1, 1);

        assertThatThrownBy(() -> monitor.observeLoss("shop", Double.NaN, 2, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> monitor.observeFeatures("shop", new float[] {1}, 2, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(monitor.environments()).containsExactly("shop");
    }
}
