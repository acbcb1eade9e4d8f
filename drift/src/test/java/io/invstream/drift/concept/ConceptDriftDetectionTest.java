package io.invstream.drift.concept;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.drift.DriftLevel;
import io.invstream.drift.SampleStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * False alarms and detection delays of each loss detector with its default parameters, over
 * {@value #SEEDS} seeded runs of {@link LossStreams} (losses N(0.5, 0.2^2)).
 *
 * <p>Stationary: {@value #STATIONARY_LENGTH} values per run, an alarm being a change of level to
 * DRIFT (or to WARNING/DRIFT for warnings). Change: {@value #WARM_UP} stationary values, then the mean
 * rises by {@value #JUMP} (one standard deviation); the delay is the number of values from the first
 * changed one up to and including the one that reported DRIFT. The measured figures are printed and
 * quoted in drift/README.md; the bounds leave room above them.
 */
class ConceptDriftDetectionTest {

    static final int SEEDS = 50;
    static final int STATIONARY_LENGTH = 20_000;
    static final int WARM_UP = 5_000;
    static final double JUMP = 0.2;
    static final long NEVER = Long.MAX_VALUE;

    record Bounds(String name, Supplier<ConceptDriftDetector> detector, int maxDriftAlarms, int maxAlarms,
                  long maxMedianDelay, long maxDelay) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> detectors() {
        return Stream.of(
                Arguments.of(new Bounds("ADWIN", Adwin::new, 2, 5, 120, 200)),
                Arguments.of(new Bounds("PageHinkley", PageHinkley::new, 2, 80, 300, 400)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void stationaryLossRarelyAlarms(Bounds bounds) {
        int driftAlarms = 0;
        int alarms = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            LossStreams losses = new LossStreams(seed);
            ConceptDriftDetector detector = bounds.detector().get();
            DriftLevel previous = DriftLevel.NONE;
            for (int i = 0; i < STATIONARY_LENGTH; i++) {
                DriftLevel level = detector.update(losses.stationary());
                driftAlarms += level == DriftLevel.DRIFT && previous != DriftLevel.DRIFT ? 1 : 0;
                alarms += level.isAlarm() && level != previous ? 1 : 0;
                previous = level;
            }
        }
        System.out.printf("%s stationary: %d DRIFT alarms, %d WARNING-or-DRIFT alarms in %d values%n",
                bounds, driftAlarms, alarms, (long) SEEDS * STATIONARY_LENGTH);

        assertThat(driftAlarms).isLessThanOrEqualTo(bounds.maxDriftAlarms());
        assertThat(alarms).isLessThanOrEqualTo(bounds.maxAlarms());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void lossJumpIsDetectedPromptly(Bounds bounds) {
        List<Long> driftDelays = new ArrayList<>();
        List<Long> warningDelays = new ArrayList<>();
        for (int seed = 0; seed < SEEDS; seed++) {
            LossStreams losses = new LossStreams(1_000 + seed);
            ConceptDriftDetector detector = bounds.detector().get();
            for (int i = 0; i < WARM_UP; i++) {
                detector.update(losses.stationary());
            }
            long warning = NEVER;
            long drift = NEVER;
            for (int i = 1; i <= 2_000 && drift == NEVER; i++) {
                DriftLevel level = detector.update(losses.jumped(JUMP));
                warning = level.isAlarm() && warning == NEVER ? i : warning;
                drift = level == DriftLevel.DRIFT ? i : drift;
            }
            driftDelays.add(drift);
            warningDelays.add(warning);
        }
        long median = SampleStatistics.median(driftDelays);
        long worst = SampleStatistics.max(driftDelays);
        System.out.printf("%s jump +%.1f: DRIFT delay median %d, max %d; first alarm (WARNING or DRIFT) median %d%n",
                bounds, JUMP, median, worst, SampleStatistics.median(warningDelays));

        assertThat(worst).as("every run detects the jump within the bound").isLessThanOrEqualTo(bounds.maxDelay());
        assertThat(median).isLessThanOrEqualTo(bounds.maxMedianDelay());
        assertThat(SampleStatistics.median(warningDelays)).as("the warning comes earlier than the drift").isLessThan(median);
    }
}
