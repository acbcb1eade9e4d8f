package io.invstream.trainer.service;

import io.invstream.core.kafka.KafkaClientSettings;
import io.invstream.core.topic.Topics;
import io.invstream.trainer.algorithm.AlgorithmRegistry;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.optim.AdamConfig;
import io.invstream.trainer.session.SessionConfig;
import io.invstream.trainer.session.TrainingSession;
import io.invstream.trainer.step.Trainer;
import io.invstream.trainer.step.TrainerConfig;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/** A trainer in a JVM of its own, for tests that kill it with SIGKILL. Arguments: bootstrap servers, topic prefix. */
public final class TrainerProcess {

  private TrainerProcess() {}

  public static void main(String[] args) throws InterruptedException {
    TrainerServiceConfig config = TrainerServiceConfig.defaults("m", "test").withPublishing(5, Duration.ofMillis(500));
    TrainerService service = TrainerService.start(KafkaClientSettings.of(args[0]), new Topics(args[1]), config,
        TrainerProcess::session, "m", "andmask", new SimpleMeterRegistry(), TrainingListener.NONE);
    System.out.println("trainer started");
    service.awaitStopped();
  }

  /** The session every test trainer uses, so a killed trainer and its successor train the same model. */
  static TrainingSession session(int inputs) {
    SplittableRandom random = new SplittableRandom(3);
    Trainer trainer = Trainer.create(new Nd4jCpuBackend(), new Mlp(inputs, List.of(32), 2), AdamConfig.of(1e-3, 0),
        AlgorithmRegistry.standard().create("andmask", Map.of("tau", "0.6"), random.split()), TrainerConfig.DEFAULTS, random);
    return new TrainingSession(trainer, new SessionConfig("m", "andmask", Set.of(), 20));
  }
}
