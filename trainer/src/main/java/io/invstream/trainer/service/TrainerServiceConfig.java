package io.invstream.trainer.service;

import io.invstream.trainer.session.DriftSettings;
import java.time.Duration;

/**
 * How the Kafka trainer runs.
 *
 * @param groupId consumer group of the batches topic; one active trainer per model
 * @param transactionalId fences a zombie trainer of the same model
 * @param publishEverySteps publish a model update (and commit) after this many steps
 * @param publishEvery ... or after this much time with uncommitted steps, whichever comes first
 * @param pollTimeout longest wait for batches in one poll
 * @param codeVersion recorded with every model
 * @param drift how the input is watched for drift; events go to {@code <prefix>.drift}
 */
public record TrainerServiceConfig(String groupId, String transactionalId, int publishEverySteps, Duration publishEvery,
    Duration pollTimeout, String codeVersion, DriftSettings drift) {

  public TrainerServiceConfig {
    java.util.Objects.requireNonNull(drift, "drift settings; DriftSettings.off() turns monitoring off");
    if (publishEverySteps < 1) {
      throw new IllegalArgumentException("publishEverySteps must be >= 1, got " + publishEverySteps);
    }
    if (publishEvery.isNegative() || publishEvery.isZero()) {
      throw new IllegalArgumentException("publishEvery must be positive, got " + publishEvery);
    }
  }

  /**
   * Defaults for a model name: group and transactional id derived from it, publish every 50 steps or
   * 2 s, drift monitoring on with {@link DriftSettings#defaults()}.
   */
  public static TrainerServiceConfig defaults(String modelName, String codeVersion) {
    return new TrainerServiceConfig("invstream-trainer-" + modelName, "invstream-trainer-" + modelName, 50,
        Duration.ofSeconds(2), Duration.ofMillis(200), codeVersion, DriftSettings.defaults());
  }

  public TrainerServiceConfig withPublishing(int everySteps, Duration every) {
    return new TrainerServiceConfig(groupId, transactionalId, everySteps, every, pollTimeout, codeVersion, drift);
  }

  /** A copy with other drift settings. */
  public TrainerServiceConfig withDrift(DriftSettings settings) {
    return new TrainerServiceConfig(groupId, transactionalId, publishEverySteps, publishEvery, pollTimeout, codeVersion, settings);
  }
}
