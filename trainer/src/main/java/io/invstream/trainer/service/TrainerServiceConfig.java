package io.invstream.trainer.service;

import io.invstream.trainer.session.DriftSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How the Kafka trainer runs.
 *
 * @param groupId consumer group of the batches topic; one active trainer per model
 * @param transactionalId fences a zombie trainer of the same model
 * @param publishEverySteps commit (checkpoint, offsets, maybe a serving model) after this many steps
 * @param publishEvery ... or after this much time with uncommitted steps, whichever comes first
 * @param publishIfBetter publish a serving model only when its selection accuracy beats every earlier one
 * @param pollTimeout longest wait for batches in one poll
 * @param maxMessageBytes updates larger than this are split into chunks
 * @param maxConsecutiveFailures non-finite steps in a row before rolling back to the last checkpoint
 * @param seed the run's seed, recorded in checkpoints
 * @param codeVersion recorded with every model
 * @param drift how the input is watched for drift; events go to {@code <prefix>.drift}
 */
public record TrainerServiceConfig(String groupId, String transactionalId, int publishEverySteps, Duration publishEvery,
    boolean publishIfBetter, Duration pollTimeout, int maxMessageBytes, int maxConsecutiveFailures, long seed, String codeVersion,
    DriftSettings drift) {

  public TrainerServiceConfig {
    Objects.requireNonNull(drift, "drift settings; DriftSettings.off() turns monitoring off");
    if (publishEverySteps < 1) {
      throw new IllegalArgumentException("publishEverySteps must be >= 1, got " + publishEverySteps);
    }
    if (publishEvery.isNegative() || publishEvery.isZero()) {
      throw new IllegalArgumentException("publishEvery must be positive, got " + publishEvery);
    }
    if (maxMessageBytes < 128 * 1024) {
      throw new IllegalArgumentException("maxMessageBytes must be at least 128 KiB, got " + maxMessageBytes);
    }
    if (maxConsecutiveFailures < 1) {
      throw new IllegalArgumentException("maxConsecutiveFailures must be >= 1, got " + maxConsecutiveFailures);
    }
  }

  /**
   * Defaults for a model: group and transactional id derived from its name, commit every 50 steps or
   * 2 s, 1 MiB messages, drift monitoring on with {@link DriftSettings#defaults()}.
   */
  public static TrainerServiceConfig defaults(String modelName, String codeVersion) {
    return new TrainerServiceConfig("invstream-trainer-" + modelName, "invstream-trainer-" + modelName, 50,
        Duration.ofSeconds(2), false, Duration.ofMillis(200), 1024 * 1024, 5, 0, codeVersion, DriftSettings.defaults());
  }

  public TrainerServiceConfig withPublishing(int everySteps, Duration every, boolean ifBetter) {
    return new TrainerServiceConfig(groupId, transactionalId, everySteps, every, ifBetter, pollTimeout, maxMessageBytes,
        maxConsecutiveFailures, seed, codeVersion, drift);
  }

  public TrainerServiceConfig withPublishing(int everySteps, Duration every) {
    return withPublishing(everySteps, every, publishIfBetter);
  }

  public TrainerServiceConfig withLimits(int messageBytes, int consecutiveFailures) {
    return new TrainerServiceConfig(groupId, transactionalId, publishEverySteps, publishEvery, publishIfBetter, pollTimeout,
        messageBytes, consecutiveFailures, seed, codeVersion, drift);
  }

  public TrainerServiceConfig withSeed(long newSeed) {
    return new TrainerServiceConfig(groupId, transactionalId, publishEverySteps, publishEvery, publishIfBetter, pollTimeout,
        maxMessageBytes, maxConsecutiveFailures, newSeed, codeVersion, drift);
  }

  /** A copy with other drift settings. */
  public TrainerServiceConfig withDrift(DriftSettings settings) {
    return new TrainerServiceConfig(groupId, transactionalId, publishEverySteps, publishEvery, publishIfBetter, pollTimeout,
        maxMessageBytes, maxConsecutiveFailures, seed, codeVersion, settings);
  }
}
