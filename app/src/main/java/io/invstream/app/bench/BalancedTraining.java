package io.invstream.app.bench;

import io.invstream.app.train.TrainingOptions;
import io.invstream.core.kafka.KafkaClientSettings;
import io.invstream.core.topic.Topics;
import io.invstream.datasets.synthetic.SpiralTask;
import io.invstream.topology.BalancerConfig;
import io.invstream.topology.BalancerService;
import io.invstream.trainer.service.TrainerService;
import io.invstream.trainer.service.TrainerServiceConfig;
import io.invstream.trainer.service.TrainingListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The balancer and the trainer wired as the demo wires them ({@code SyntheticPipeline}), without
 * its fixed-rate producer, so the benchmark can change the rate step by step.
 */
final class BalancedTraining implements AutoCloseable {

  private final BalancerService balancer;
  private final TrainerService trainer;

  BalancedTraining(KafkaClientSettings settings, Topics topics, SpiralTask task, TrainingOptions training, int k,
      TrainerServiceConfig trainerConfig, Path stateDirectory, MeterRegistry registry) {
    BalancerConfig balancerConfig = BalancerConfig.builder().topicPrefix(topics.prefix())
        .applicationId(topics.prefix() + "-balancer").examplesPerEnvironment(k).featureCount(task.config().featureCount())
        .classes(2).stateDirectory(stateDirectory).discoveryInterval(Duration.ofSeconds(2)).build();
    balancer = BalancerService.start(settings, balancerConfig, registry);
    trainer = TrainerService.start(settings, topics, trainerConfig, training::session, training.modelName, training.algorithm,
        registry, TrainingListener.NONE);
  }

  /** Fails when the trainer has stopped on its own. */
  void requireRunning() {
    if (!trainer.isRunning()) {
      Throwable cause = trainer.failure().orElse(null);
      throw new IllegalStateException("The trainer stopped" + (cause == null ? "" : ": " + cause.getMessage()), cause);
    }
  }

  long trainerSteps() {
    return trainer.snapshot().steps();
  }

  @Override
  public void close() {
    trainer.close();
    balancer.close();
  }
}
