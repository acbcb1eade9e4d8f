package io.invstream.app.demo;

import io.invstream.app.cli.CodeVersion;
import io.invstream.app.train.TrainingOptions;
import io.invstream.core.kafka.KafkaClientSettings;
import io.invstream.core.topic.TopicLayout;
import io.invstream.core.topic.TopicProvisioner;
import io.invstream.core.topic.Topics;
import io.invstream.core.validation.ExampleValidator;
import io.invstream.datasets.synthetic.SpiralTask;
import io.invstream.ingest.producer.ExampleProducer;
import io.invstream.ingest.synthetic.DriftInjection;
import io.invstream.ingest.synthetic.SyntheticIngest;
import io.invstream.topology.BalancerConfig;
import io.invstream.topology.BalancerService;
import io.invstream.trainer.service.TrainerService;
import io.invstream.trainer.service.TrainerServiceConfig;
import io.invstream.trainer.service.TrainerSnapshot;
import io.invstream.trainer.service.TrainingListener;
import io.invstream.trainer.session.DriftSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;

/**
 * Synthetic producers, the balancer and the trainer wired together on one cluster: the demo's
 * pipeline, also run by the end-to-end tests against the test broker.
 */
public final class SyntheticPipeline implements AutoCloseable {

  private final AtomicBoolean producing = new AtomicBoolean(true);
  private final Admin admin;
  private final ExampleProducer producer;
  private final BalancerService balancer;
  private final TrainerService trainer;
  private final Thread ingest;

  /**
   * @param k examples per environment in each batch
   * @param rate examples produced per second over all environments
   * @param stateDirectory the balancer's Kafka Streams state
   */
  public SyntheticPipeline(KafkaClientSettings settings, Topics topics, SpiralTask task, TrainingOptions training, int k,
      double rate, Path stateDirectory, MeterRegistry registry, TrainingListener listener) {
    this(settings, topics, task, training, k, rate, stateDirectory, registry, listener, DriftSettings.defaults(), Optional.empty());
  }

  /**
   * As above, with the trainer's drift monitoring and an optional deliberate drift of one environment.
   *
   * @param drift how the trainer watches for drift
   * @param injection a change the synthetic source makes to one environment from some moment on
   */
  public SyntheticPipeline(KafkaClientSettings settings, Topics topics, SpiralTask task, TrainingOptions training, int k,
      double rate, Path stateDirectory, MeterRegistry registry, TrainingListener listener, DriftSettings drift,
      Optional<DriftInjection> injection) {
    admin = Admin.create(settings.common(Map.of()));
    TopicProvisioner provisioner = new TopicProvisioner(admin, TopicLayout.singleBroker());
    provisioner.ensurePipelineTopics(topics, task.environments());
    BalancerConfig balancerConfig = BalancerConfig.builder().topicPrefix(topics.prefix())
        .applicationId(topics.prefix() + "-balancer").examplesPerEnvironment(k).featureCount(task.config().featureCount())
        .classes(2).stateDirectory(stateDirectory).discoveryInterval(Duration.ofSeconds(2)).build();
    balancer = BalancerService.start(settings, balancerConfig, registry);
    trainer = TrainerService.start(settings, topics,
        TrainerServiceConfig.defaults(training.modelName, CodeVersion.current()).withDrift(drift), training::session, training.modelName, training.algorithm, registry, listener);
    producer = new ExampleProducer(settings, topics, provisioner, new ExampleValidator(task.config().featureCount(), 2), registry);
    SyntheticIngest source = new SyntheticIngest(task, task.environments(), producer, "demo", training.seed, injection);
    ingest = new Thread(() -> source.run(0, rate, producing::get), "synthetic-ingest");
    ingest.setDaemon(true);
    ingest.start();
  }

  public TrainerSnapshot snapshot() {
    return trainer.snapshot();
  }

  /** False once the trainer has stopped, e.g. on a fatal error. */
  public boolean isRunning() {
    return trainer.isRunning();
  }

  public Optional<Throwable> failure() {
    return trainer.failure();
  }

  /** Stops producing, then lets the trainer publish what it has and stops every stage. */
  @Override
  public void close() {
    producing.set(false);
    try {
      ingest.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    trainer.close();
    balancer.close();
    producer.close();
    admin.close();
  }
}
