package io.invstream.drift.concept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.invstream.drift.DriftLevel;
import org.junit.jupiter.api.Test;

class AdwinTest {

    @Test
    void memoryGrowsLogarithmicallyWithTheWindow() {
        Adwin adwin = new Adwin();
        LossStreams losses = new LossStreams(7);
        for (int i = 0; i < 500_000; i++) {
            adwin.update(losses.stationary());
        }

        // M buckets per row, rows up to log2(W / M) + 1: 5 * (17 + 1) = 90 for W = 500 000
        assertThat(adwin.width()).isEqualTo(500_000);
        assertThat(adwin.bucketCount()).isLessThanOrEqualTo(5 * 18);
        assertThat(adwin.mean()).isCloseTo(LossStreams.MEAN, within(0.01));
    }

    @Test
    void afterDriftTheWindowHoldsMostlyTheNewRegime() {
        Adwin adwin = new Adwin();
        LossStreams losses = new LossStreams(8);
        for (int i = 0; i < 5_000; i++) {
            adwin.update(losses.stationary());
        }
        int sinceJump = 0;
        while (adwin.update(losses.jumped(0.4)) != DriftLevel.DRIFT) {
            sinceJump++;
        }

        // Old values dominated the window (over 97 %); after the cut at most about half of it is old.
        assertThat(adwin.width()).isLessThan(5_000L / 4);
        assertThat(adwin.mean()).isGreaterThan(LossStreams.MEAN + 0.15);
        assertThat(adwin.statistic()).isGreaterThan(adwin.threshold());
        assertThat(sinceJump).isLessThan(200);
    }

    @Test
    void levelsChangeOnlyAtClockTicks() {
        int clock = 10;
        Adwin adwin = new Adwin(new AdwinConfig(0.002, 0.05, clock, 5, 5));
        DriftLevel previous = DriftLevel.NONE;
        for (int i = 1; i <= 140; i++) {
            DriftLevel level = adwin.update(i <= 100 ? 0 : 1);
            if (i % clock != 0) {
                assertThat(level).as("update %d is between checks", i).isEqualTo(previous);
            }
            previous = level;
        }

        assertThat(adwin.width()).isLessThan(140);
    }

    @Test
    void rejectedValueChangesNothing() {
        Adwin adwin = new Adwin();
        adwin.update(0.5);

        assertThatThrownBy(() -> adwin.update(Double.NaN)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
        assertThatThrownBy(() -> adwin.update(Double.NEGATIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThat(adwin.width()).isEqualTo(1);
        assertThat(adwin.mean()).isEqualTo(0.5);
    }

    @Test
    void resetForgetsEverything() {
        Adwin adwin = new Adwin();
        for (int i = 0; i < 1_000; i++) {
            adwin.update(i % 2);
        }
        adwin.reset();

        assertThat(adwin.width()).isZero();
        assertThat(adwin.bucketCount()).isZero();
        assertThat(adwin.level()).isEqualTo(DriftLevel.NONE);
        assertThat(adwin.threshold()).isInfinite();
    }

    @Test
    void warningDeltaMustBeLooser() {
        assertThatThrownBy(() -> new AdwinConfig(0.01, 0.002, 32, 5, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("looser");
    }

    @Test
    void oneSidedAdwinAdaptsSilentlyToAFallingLossAndStillCatchesARise() {
        Adwin adwin = new Adwin(AdwinConfig.defaults().withIncreasesOnly());
        Adwin twoSided = new Adwin();
        LossStreams losses = new LossStreams(11);
        int alarmsOnFall = 0;
        int twoSidedDrifts = 0;
        for (int i = 0; i < 5_000; i++) {
            double loss = losses.stationary();
            alarmsOnFall += adwin.update(loss).isAlarm() ? 1 : 0;
            twoSidedDrifts += twoSided.update(loss) == DriftLevel.DRIFT ? 1 : 0;
        }
        for (int i = 0; i < 5_000; i++) {
            double loss = losses.jumped(-0.4);
            alarmsOnFall += adwin.update(loss).isAlarm() ? 1 : 0;
            twoSidedDrifts += twoSided.update(loss) == DriftLevel.DRIFT ? 1 : 0;
        }
        long widthAfterFall = adwin.width();
        int sinceRise = 0;
        while (adwin.update(losses.stationary()) != DriftLevel.DRIFT) {
            sinceRise++;
        }

        assertThat(twoSidedDrifts).as("the two-sided detector reports the fall").isPositive();
        assertThat(alarmsOnFall).as("the one-sided detector does not").isZero();
        assertThat(widthAfterFall).as("but it dropped the old regime").isLessThan(5_000);
        assertThat(sinceRise).isLessThan(200);
        assertThat(adwin.statistic()).isGreaterThan(adwin.threshold());
    }
}
