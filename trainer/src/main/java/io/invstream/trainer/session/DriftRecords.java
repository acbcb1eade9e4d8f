package io.invstream.trainer.session;

import io.invstream.drift.DriftEvent;
import io.invstream.schemas.DriftDetector;
import io.invstream.schemas.DriftSeverity;
import java.time.Instant;

/** Builds the published {@link io.invstream.schemas.DriftEvent} message of a detector's level change. */
public final class DriftRecords {

  private DriftRecords() {}

  /** The message of {@code event}, seen by model {@code modelName} at version {@code modelVersion}. */
  public static io.invstream.schemas.DriftEvent of(String modelName, DriftEvent event, long modelVersion, Instant now) {
    return io.invstream.schemas.DriftEvent.newBuilder().setModelName(modelName).setEnvironment(event.environment())
        .setDetector(DriftDetector.valueOf(event.kind().name())).setLevel(DriftSeverity.valueOf(event.level().name()))
        .setFeatureIndex(event.concernsLoss() ? null : event.featureIndex()).setStatistic(event.statistic())
        .setThreshold(event.threshold()).setStep(event.step()).setModelVersion(modelVersion)
        .setEventTime(Instant.ofEpochMilli(event.timestampMillis())).setDetectedAt(now).build();
  }
}
