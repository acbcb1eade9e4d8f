package io.invstream.drift.monitor;

import io.invstream.drift.Assessment;
import io.invstream.drift.DetectorKind;
import io.invstream.drift.DriftEvent;
import io.invstream.drift.DriftLevel;
import java.util.Arrays;
import java.util.List;

/**
 * Remembers the last level of every (stream, detector) pair of one environment and turns an
 * assessment into an event only when the level changes to WARNING or DRIFT; this is what keeps a
 * persistent drift from producing an event per evaluation.
 */
final class LevelChanges {

    private final String environment;
    /** Indexed by {@code featureIndex + 1} (row 0 is the loss stream), then by detector ordinal. */
    private final DriftLevel[][] levels;

    LevelChanges(String environment, int featureCount) {
        this.environment = environment;
        this.levels = new DriftLevel[featureCount + 1][DetectorKind.values().length];
        clear();
    }

    void record(int featureIndex, Assessment assessment, long step, long timestampMillis, List<DriftEvent> events) {
        DriftLevel[] row = levels[featureIndex + 1];
        DriftLevel previous = row[assessment.kind().ordinal()];
        row[assessment.kind().ordinal()] = assessment.level();
        if (assessment.level() != previous && assessment.level().isAlarm()) {
            events.add(new DriftEvent(environment, featureIndex, assessment.kind(), assessment.level(),
                    assessment.value(), assessment.threshold(), step, timestampMillis));
        }
    }

    DriftLevel level(int featureIndex, DetectorKind kind) {
        return levels[featureIndex + 1][kind.ordinal()];
    }

    /** Returns the most severe current level of {@code kind} over every stream it watches. */
    DriftLevel highest(DetectorKind kind) {
        DriftLevel highest = DriftLevel.NONE;
        for (DriftLevel[] row : levels) {
            DriftLevel level = row[kind.ordinal()];
            highest = level.compareTo(highest) > 0 ? level : highest;
        }
        return highest;
    }

    void clear() {
        for (DriftLevel[] row : levels) {
            Arrays.fill(row, DriftLevel.NONE);
        }
    }
}
