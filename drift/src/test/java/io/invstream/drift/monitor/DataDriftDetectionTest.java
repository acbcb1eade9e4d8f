package io.invstream.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.drift.DetectorKind;
import io.invstream.drift.DriftEvent;
import io.invstream.drift.DriftLevel;
import io.invstream.drift.SampleStatistics;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * False alarms and detection delays of PSI, KS and normalised Wasserstein-1 through a
 * {@link DriftMonitor} with {@link DriftConfig#defaults()} (reference 1000, tumbling windows of 500,
 * ten bins), over {@value #SEEDS} seeds.
 *
 * <p>Stationary: {@value #WINDOWS} windows per seed on each of the three {@link FeatureStreams}
 * features; a false alarm is a window evaluated at DRIFT (or at WARNING or DRIFT). Shift: on a N(0, 1)
 * feature, after the reference and five windows plus a random offset within the sixth, the values
 * become {@code x + 1} (mean shift of one reference sd) or {@code 2x} (sd doubled); the delay counts
 * the values from the first shifted one to the one that closed the window reported at DRIFT. A window
 * that starts after the shift closes at most {@code 2 * 500 - 1} values after it, so every delay must
 * be below 1000. The figures are printed and quoted in drift/README.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataDriftDetectionTest {

    static final int SEEDS = 50;
    static final int WINDOWS = 40;
    static final int FEATURES = 3;
    static final List<DetectorKind> STATISTICS = List.of(DetectorKind.PSI, DetectorKind.KS, DetectorKind.WASSERSTEIN);
    static final long NEVER = Long.MAX_VALUE;

    private final WindowConfig windows = WindowConfig.defaults();
    private final Map<DetectorKind, int[]> driftWindows = new EnumMap<>(DetectorKind.class);
    private final Map<DetectorKind, int[]> alarmWindows = new EnumMap<>(DetectorKind.class);
    private int evaluatedWindows;

    @BeforeAll
    void runStationaryStreams() {
        STATISTICS.forEach(kind -> {
            driftWindows.put(kind, new int[FEATURES]);
            alarmWindows.put(kind, new int[FEATURES]);
        });
        for (int seed = 0; seed < SEEDS; seed++) {
            FeatureStreams stream = new FeatureStreams(seed);
            DriftMonitor monitor = new DriftMonitor();
            long length = windows.referenceSize() + (long) WINDOWS * windows.windowSize();
            for (long step = 1; step <= length; step++) {
                monitor.observe("sensor", stream.stationary(), 0.5, step, step);
                if (step > windows.referenceSize() && (step - windows.referenceSize()) % windows.windowSize() == 0) {
                    countAlarms(monitor);
                }
            }
        }
    }

    private void countAlarms(DriftMonitor monitor) {
        evaluatedWindows++;
        for (DetectorKind kind : STATISTICS) {
            for (int f = 0; f < FEATURES; f++) {
                DriftLevel level = monitor.level("sensor", f, kind);
                driftWindows.get(kind)[f] += level == DriftLevel.DRIFT ? 1 : 0;
                alarmWindows.get(kind)[f] += level.isAlarm() ? 1 : 0;
            }
        }
    }

    @Test
    void stationaryFeaturesRarelyAlarm() {
        for (DetectorKind kind : STATISTICS) {
            for (int f = 0; f < FEATURES; f++) {
                System.out.printf("%s feature %d stationary: DRIFT in %d, WARNING-or-DRIFT in %d of %d windows%n",
                        kind, f, driftWindows.get(kind)[f], alarmWindows.get(kind)[f], evaluatedWindows);
                assertThat(driftWindows.get(kind)[f]).as("%s DRIFT false alarms on feature %d", kind, f)
                        .isLessThanOrEqualTo(evaluatedWindows / 200);
                assertThat(alarmWindows.get(kind)[f]).as("%s WARNING-or-DRIFT false alarms on feature %d", kind, f)
                        .isLessThanOrEqualTo(evaluatedWindows / 50);
            }
        }
    }

    @Test
    void meanShiftOfOneStandardDeviationIsDetectedWithinTwoWindows() {
        Map<DetectorKind, List<Long>> delays = measureDelays(x -> x + 1);

        for (DetectorKind kind : STATISTICS) {
            report("mean +1 sd", kind, delays.get(kind));
            assertThat(SampleStatistics.max(delays.get(kind))).isLessThan(2L * windows.windowSize());
            assertThat(SampleStatistics.median(delays.get(kind))).isLessThanOrEqualTo(windows.windowSize() + 100);
        }
    }

    @Test
    void doubledStandardDeviationIsDetectedWithinTwoWindows() {
        Map<DetectorKind, List<Long>> delays = measureDelays(x -> 2 * x);

        for (DetectorKind kind : STATISTICS) {
            report("sd x2", kind, delays.get(kind));
            assertThat(SampleStatistics.max(delays.get(kind))).isLessThan(2L * windows.windowSize());
            assertThat(SampleStatistics.median(delays.get(kind))).isLessThanOrEqualTo(windows.windowSize() + 150);
        }
    }

    private Map<DetectorKind, List<Long>> measureDelays(DoubleUnaryOperator shift) {
        Map<DetectorKind, List<Long>> delays = new EnumMap<>(DetectorKind.class);
        STATISTICS.forEach(kind -> delays.put(kind, new ArrayList<>()));
        for (int seed = 0; seed < SEEDS; seed++) {
            FeatureStreams stream = new FeatureStreams(5_000 + seed);
            DriftMonitor monitor = new DriftMonitor();
            long shiftAt = windows.referenceSize() + 5L * windows.windowSize() + 1 + stream.offsetBelow(windows.windowSize());
            Map<DetectorKind, Long> detectedAfter = new EnumMap<>(DetectorKind.class);
            for (long step = 1; step < shiftAt + 3L * windows.windowSize(); step++) {
                double x = stream.gaussian();
                float value = (float) (step < shiftAt ? x : shift.applyAsDouble(x));
                for (DriftEvent event : monitor.observe("sensor", new float[] {value}, 0.5, step, step)) {
                    if (event.level() == DriftLevel.DRIFT && step >= shiftAt) {
                        detectedAfter.putIfAbsent(event.kind(), step - shiftAt + 1);
                    }
                }
            }
            STATISTICS.forEach(kind -> delays.get(kind).add(detectedAfter.getOrDefault(kind, NEVER)));
        }
        return delays;
    }

    private static void report(String shift, DetectorKind kind, List<Long> delays) {
        System.out.printf("%s %s: DRIFT delay median %d, 90th percentile %d, max %d%n", kind, shift,
                SampleStatistics.median(delays), SampleStatistics.quantile(delays, 0.9), SampleStatistics.max(delays));
    }
}
