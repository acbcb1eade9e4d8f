package io.invstream.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DriftEventTest {

    @Test
    void lossEventsUseFeatureIndexMinusOne() {
        DriftEvent event = new DriftEvent("shop-1", DriftEvent.LOSS, DetectorKind.ADWIN, DriftLevel.DRIFT, 0.3, 0.1, 7, 70);

        assertThat(event.concernsLoss()).isTrue();
    }

    @Test
    void rejectsNoneLevel() {
        assertThatThrownBy(() -> new DriftEvent("shop-1", 0, DetectorKind.PSI, DriftLevel.NONE, 0, 0.1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NONE");
    }

    @Test
    void rejectsKindThatDoesNotFitTheStream() {
        assertThatThrownBy(() -> new DriftEvent("shop-1", DriftEvent.LOSS, DetectorKind.KS, DriftLevel.DRIFT, 0, 0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DriftEvent("shop-1", 2, DetectorKind.PAGE_HINKLEY, DriftLevel.DRIFT, 0, 0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gradesStrictlyAboveThresholds() {
        assertThat(Assessment.grade(DetectorKind.PSI, 0.1, 0.1, 0.25).level()).isEqualTo(DriftLevel.NONE);
        assertThat(Assessment.grade(DetectorKind.PSI, 0.2, 0.1, 0.25))
                .isEqualTo(new Assessment(DetectorKind.PSI, DriftLevel.WARNING, 0.2, 0.1));
        assertThat(Assessment.grade(DetectorKind.PSI, 0.3, 0.1, 0.25))
                .isEqualTo(new Assessment(DetectorKind.PSI, DriftLevel.DRIFT, 0.3, 0.25));
    }
}
