package io.invstream.drift.concept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.invstream.drift.DriftLevel;
import org.junit.jupiter.api.Test;

class PageHinkleyTest {

    @Test
    void handComputedStatistic() {
        PageHinkley test = new PageHinkley(new PageHinkleyConfig(0, 2, 0.5, 1, 1));

        assertThat(test.update(0)).isEqualTo(DriftLevel.NONE);
        assertThat(test.update(0)).isEqualTo(DriftLevel.NONE);
        // mean 1/3, m = 1 - 1/3 = 2/3, min 0 -> PH 2/3 < 1 (warning threshold)
        assertThat(test.update(1)).isEqualTo(DriftLevel.NONE);
        assertThat(test.statistic()).isCloseTo(2.0 / 3, within(1e-12));
        // mean 1, m = 2/3 + (3 - 1) = 8/3 > 2
        assertThat(test.update(3)).isEqualTo(DriftLevel.DRIFT);
        assertThat(test.statistic()).isCloseTo(8.0 / 3, within(1e-12));
        assertThat(test.threshold()).isEqualTo(2);
    }

    @Test
    void restartsAfterReportingDrift() {
        PageHinkley test = new PageHinkley(new PageHinkleyConfig(0, 2, 0.5, 1, 1));
        test.update(0);
        test.update(5);
        assertThat(test.level()).isEqualTo(DriftLevel.DRIFT);

        test.update(5);

        assertThat(test.seen()).isEqualTo(1);
        assertThat(test.level()).isEqualTo(DriftLevel.NONE);
    }

    @Test
    void fallingLossIsNotAnAlarm() {
        PageHinkley test = new PageHinkley();
        LossStreams losses = new LossStreams(4);
        for (int i = 0; i < 2_000; i++) {
            test.update(losses.jumped(0.3));
        }
        for (int i = 0; i < 5_000; i++) {
            assertThat(test.update(losses.stationary())).isEqualTo(DriftLevel.NONE);
        }
    }

    @Test
    void staysQuietBeforeMinInstances() {
        PageHinkley test = new PageHinkley(new PageHinkleyConfig(0, 1, 0.5, 1, 5));
        test.update(0);
        for (int i = 0; i < 3; i++) {
            assertThat(test.update(10)).isEqualTo(DriftLevel.NONE);
        }
        assertThat(test.update(10)).isEqualTo(DriftLevel.DRIFT);
    }

    @Test
    void rejectedValueChangesNothing() {
        PageHinkley test = new PageHinkley();
        test.update(1);

        assertThatThrownBy(() -> test.update(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThat(test.seen()).isEqualTo(1);
    }
}
