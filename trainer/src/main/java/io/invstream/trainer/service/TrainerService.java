package io.invstream.trainer.service;

import io.invstream.core.deadletter.DeadLetterCounter;
import io.invstream.core.deadletter.DeadLetters;
import io.invstream.core.kafka.KafkaClientSettings;
import io.invstream.core.topic.TopicSpec;
import io.invstream.core.topic.Topics;
import io.invstream.core.validation.RejectReason;
import io.invstream.core.validation.Rejection;
import io.invstream.schemas.BalancedBatch;
import io.invstream.schemas.DeadLetter;
import io.invstream.schemas.DriftEvent;
import io.invstream.schemas.Example;
import io.invstream.schemas.ModelUpdate;
import io.invstream.schemas.TrainingMetrics;
import io.invstream.trainer.session.DriftMeters;
import io.invstream.trainer.session.DriftRecords;
import io.invstream.trainer.session.DriftWatch;
import io.invstream.trainer.session.MetricsRecords;
import io.invstream.trainer.session.ModelSpecs;
import io.invstream.trainer.session.ModelUpdates;
import io.invstream.trainer.session.SessionStep;
import io.invstream.trainer.session.TrainerMeters;
import io.invstream.trainer.session.TrainingSession;
import io.invstream.trainer.step.TrainerState;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka trainer: consume balanced batches, train, publish metrics and model updates.
 *
 * <p>Consume, update and publish form one Kafka transaction spanning up to
 * {@code publishEverySteps} batches (or {@code publishEvery} time): the metrics of those steps,
 * the model update and the batch offsets commit together. If the transaction aborts, the trainer
 * rolls back to the state it had at the last commit and re-reads the batches, so every batch is
 * trained on exactly once in the committed history. On start the newest committed model of this
 * name is restored and versions continue from it.
 *
 * <p>Drift: after each step a {@link DriftWatch} (when enabled) observes a sample of the batch's
 * fresh (not replayed) examples' features and each environment's loss in the step; each level change is sent to {@code <prefix>.drift} in the same transaction, counted in
 * the drift meters and handed to the listener. The watch's state is not rolled back with the model,
 * so a batch re-read after an abort is not observed again and the aborted transaction's drift
 * events are sent again in the next one (see {@link DriftLedger}). The watch starts afresh when the
 * process does: references are re-learned from the first batches after a restart.
 *
 * <p>Runs on its own thread; {@link #close()} publishes what is pending and stops.
 */
public final class TrainerService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TrainerService.class);
  private static final String STAGE = "trainer";

  private final KafkaClientSettings settings;
  private final Topics topics;
  private final TrainerServiceConfig config;
  private final SessionFactory sessionFactory;
  private final String modelName;
  private final String algorithm;
  private final TrainingListener listener;
  private final TrainerMeters meters;
  private final DeadLetterCounter deadLetterCounter;
  private final DriftMeters driftMeters;
  private final DriftLedger driftLedger = new DriftLedger();
  private final OffsetLedger ledger = new OffsetLedger();
  private final AtomicReference<TrainerSnapshot> snapshot = new AtomicReference<>(TrainerSnapshot.EMPTY);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean running = true;

  private KafkaConsumer<String, byte[]> consumer;
  private KafkaProducer<String, byte[]> producer;
  private TrainingSession session;
  private DriftWatch drift;
  private TrainerState committedState;
  private long committedSteps;
  private long steps;
  private long modelVersion;
  private long skippedSteps;
  private long deadLetters;
  private boolean transactionOpen;
  private boolean appliedSinceCommit;
  private long stepsSinceCommit;
  private long lastCommitNanos = System.nanoTime();

  private TrainerService(KafkaClientSettings settings, Topics topics, TrainerServiceConfig config, SessionFactory sessionFactory,
      String modelName, String algorithm, MeterRegistry registry, TrainingListener listener) {
    this.settings = settings;
    this.topics = topics;
    this.config = config;
    this.sessionFactory = sessionFactory;
    this.modelName = modelName;
    this.algorithm = algorithm;
    this.listener = listener;
    this.meters = new TrainerMeters(registry, modelName, algorithm);
    this.deadLetterCounter = new DeadLetterCounter(registry, STAGE);
    this.driftMeters = new DriftMeters(registry, modelName);
    this.thread = new Thread(this::run, "trainer-" + modelName);
  }

  /**
   * Restores the newest model of {@code modelName}, then starts training on a background thread.
   *
   * @param algorithm CLI name of the algorithm, for metrics
   */
  public static TrainerService start(KafkaClientSettings settings, Topics topics, TrainerServiceConfig config,
      SessionFactory sessionFactory, String modelName, String algorithm, MeterRegistry registry, TrainingListener listener) {
    TrainerService service = new TrainerService(settings, topics, config, sessionFactory, modelName, algorithm, registry, listener);
    service.restore();
    service.thread.start();
    return service;
  }

  /** Progress so far; safe from any thread. */
  public TrainerSnapshot snapshot() {
    return snapshot.get();
  }

  /** Why the trainer stopped on its own, if it did. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  public boolean isRunning() {
    return stopped.getCount() > 0;
  }

  /** Waits until the trainer stops (after {@link #close()} or a fatal error). */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  private void restore() {
    Optional<ModelUpdate> latest = LatestModel.read(settings, topics, modelName);
    if (latest.isEmpty()) {
      return;
    }
    ModelUpdate update = latest.get();
    startSession(ModelSpecs.parse(update.getArchitecture()).inputs());
    String built = session.trainer().model().spec().describe();
    if (!built.equals(update.getArchitecture())) {
      throw new IllegalStateException("Model '" + modelName + "' was published as '" + update.getArchitecture()
          + "' but this trainer builds '" + built + "'; train with the same architecture or choose another --model-name");
    }
    session.trainer().model().parameters().load(session.trainer().backend(), ModelUpdates.parameters(update));
    modelVersion = update.getVersion();
    ledger.restore(update.getProvenance());
    meters.published(modelVersion);
    LOG.info("Restored model '{}' version {} (step {}) from {}", modelName, modelVersion, update.getStep(), topics.models().name());
  }

  private void run() {
    try {
      consumer = new KafkaConsumer<>(settings.consumer(config.groupId(), Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50)),
          new StringDeserializer(), new ByteArrayDeserializer());
      producer = newProducer();
      consumer.subscribe(List.of(topics.batches().name()));
      if (session != null) {
        committedState = session.trainer().exportState();
      }
      while (running) {
        pollOnce();
      }
      if (driftLedger.hasCarried() && !transactionOpen) {
        beginTransaction();
      }
      if (transactionOpen) {
        commit();
      }
    } catch (WakeupException e) {
      if (running) {
        failure.set(e);
      }
    } catch (ProducerFencedException e) {
      failure.set(new IllegalStateException("Another trainer with transactional id " + config.transactionalId()
          + " took over model '" + modelName + "'; this one stops", e));
    } catch (RuntimeException e) {
      failure.set(e);
      LOG.error("Trainer of model '{}' stopped: {}", modelName, e.getMessage(), e);
      abortQuietly();
    } finally {
      closeClients();
      stopped.countDown();
    }
  }

  private void pollOnce() {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(config.pollTimeout())) {
      if (!running) {
        break;
      }
      try {
        handle(record);
        commitIfDue();
      } catch (ProducerFencedException | AuthorizationException e) {
        throw e;
      } catch (KafkaException e) {
        rollBack(e);
        return;
      }
    }
    try {
      commitIfDue();
    } catch (ProducerFencedException | AuthorizationException e) {
      throw e;
    } catch (KafkaException e) {
      rollBack(e);
    }
  }

  private void commitIfDue() {
    boolean due = stepsSinceCommit >= config.publishEverySteps()
        || (stepsSinceCommit > 0 && System.nanoTime() - lastCommitNanos >= config.publishEvery().toNanos())
        || (transactionOpen && stepsSinceCommit == 0 && System.nanoTime() - lastCommitNanos >= config.publishEvery().toNanos());
    if (transactionOpen && due) {
      commit();
    }
  }

  private void handle(ConsumerRecord<String, byte[]> record) {
    if (!transactionOpen) {
      beginTransaction();
    }
    TopicSpec<String, BalancedBatch> batches = topics.batches();
    BalancedBatch batch;
    try {
      batch = batches.valueSerde().deserializer().deserialize(record.topic(), record.value());
    } catch (SerializationException e) {
      deadLetter(DeadLetters.fromTopic(STAGE, new Rejection(RejectReason.UNDECODABLE, e.getMessage()), record.topic(),
          record.partition(), record.offset(), bytes(record.key()), record.value(), Instant.now()));
      ledger.consumed(new TopicPartition(record.topic(), record.partition()), record.offset(), List.of());
      publishSnapshot();
      return;
    }
    List<Example> examples = batch.getExamples();
    if (session == null) {
      startSession(io.invstream.schemas.FeatureVectors.length(examples.get(0).getFeatures()));
      committedState = session.trainer().exportState();
    }
    SessionStep step = session.step(batch.getBatchId(), examples);
    step.rejected().forEach((example, rejection) -> deadLetter(DeadLetters.fromTopic(STAGE, rejection, record.topic(),
        record.partition(), record.offset(), bytes(example.getId()), null, Instant.now())));
    steps++;
    watchDrift(new TopicPartition(record.topic(), record.partition()), record.offset(), FreshExamples.of(batch), step);
    stepsSinceCommit++;
    if (step.nonFinite()) {
      skippedSteps++;
    }
    appliedSinceCommit |= step.applied();
    ledger.consumed(new TopicPartition(record.topic(), record.partition()), record.offset(), batch.getSources());
    TrainingMetrics metrics = MetricsRecords.of(session.config(), step, steps, modelVersion, Instant.now());
    TopicSpec<String, TrainingMetrics> metricsTopic = topics.metrics();
    producer.send(new ProducerRecord<>(metricsTopic.name(), modelName, metricsTopic.valueSerde().serializer().serialize(metricsTopic.name(), metrics)));
    meters.record(metrics, step.nonFinite() ? "non_finite" : step.applied() ? "applied" : "evaluated");
    listener.onStep(metrics);
    publishSnapshot();
  }

  private void startSession(int inputs) {
    session = sessionFactory.create(inputs);
    if (config.drift().enabled()) {
      drift = new DriftWatch(config.drift(), session.trainer().model().inputSize(), session.trainer().model().classes());
    }
  }

  /** Begins a transaction and first re-sends the drift events of an aborted one. */
  private void beginTransaction() {
    producer.beginTransaction();
    transactionOpen = true;
    for (DriftEvent event : driftLedger.takeCarried()) {
      sendDrift(event);
    }
  }

  /** Observes the batch's features and the step's losses (measured before the update); sends any level change. */
  private void watchDrift(TopicPartition partition, long offset, List<Example> examples, SessionStep step) {
    if (drift == null || !driftLedger.firstSight(partition, offset)) {
      return;
    }
    for (io.invstream.drift.DriftEvent change : drift.observe(examples, step, steps)) {
      DriftEvent event = DriftRecords.of(modelName, change, modelVersion, Instant.now());
      sendDrift(event);
      driftMeters.record(change);
      listener.onDrift(event);
      LOG.info("Drift in '{}': {} {} on {} (statistic {} > {}) at step {}", change.environment(), change.kind(), change.level(),
          change.concernsLoss() ? "the loss" : "feature " + change.featureIndex(), change.statistic(), change.threshold(), change.step());
    }
    driftMeters.levels(drift);
  }

  private void sendDrift(DriftEvent event) {
    TopicSpec<String, DriftEvent> topic = topics.drift();
    producer.send(new ProducerRecord<>(topic.name(), event.getEnvironment(), topic.valueSerde().serializer().serialize(topic.name(), event)));
    driftLedger.sent(event);
  }

  private void commit() {
    ModelUpdate update = null;
    if (appliedSinceCommit && session != null) {
      update = ModelUpdates.of(modelName, modelVersion + 1, session.trainer(), algorithm, publishMetrics(), ledger.provenance(),
          config.codeVersion(), Instant.now());
      TopicSpec<String, ModelUpdate> models = topics.models();
      producer.send(new ProducerRecord<>(models.name(), modelName, models.valueSerde().serializer().serialize(models.name(), update)));
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = ledger.pendingOffsets();
    if (!offsets.isEmpty()) {
      producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
    }
    producer.commitTransaction();
    transactionOpen = false;
    ledger.committed();
    driftLedger.committed();
    stepsSinceCommit = 0;
    appliedSinceCommit = false;
    lastCommitNanos = System.nanoTime();
    committedSteps = steps;
    if (session != null) {
      committedState = session.trainer().exportState();
    }
    if (update != null) {
      modelVersion = update.getVersion();
      meters.published(modelVersion);
      listener.onPublished(update);
    }
    publishSnapshot();
  }

  /** Aborts the open transaction and returns to the state of the last commit, re-reading its batches. */
  private void rollBack(KafkaException cause) {
    LOG.warn("Transaction of model '{}' failed ({}); rolling back to step {} and re-reading", modelName, cause.getMessage(), committedSteps);
    if (!abortQuietly()) {
      // A producer whose abort failed is in an unknown state: a new one with the same transactional
      // id fences it and aborts whatever it left open.
      producer.close(Duration.ZERO);
      producer = newProducer();
    }
    transactionOpen = false;
    ledger.aborted();
    driftLedger.aborted();
    steps = committedSteps;
    stepsSinceCommit = 0;
    appliedSinceCommit = false;
    if (session != null && committedState != null) {
      session.trainer().importState(committedState);
    }
    Set<TopicPartition> assigned = consumer.assignment();
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
    for (TopicPartition partition : assigned) {
      OffsetAndMetadata offset = committed.get(partition);
      if (offset != null) {
        consumer.seek(partition, offset);
      } else {
        consumer.seekToBeginning(List.of(partition));
      }
    }
  }

  private Map<String, Double> publishMetrics() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    session.trainAccuracy().forEach((env, acc) -> metrics.put("accuracy/" + env, acc));
    session.heldOutAccuracy().forEach((env, acc) -> metrics.put("heldOutAccuracy/" + env, acc));
    return metrics;
  }

  private void deadLetter(DeadLetter letter) {
    TopicSpec<String, DeadLetter> topic = topics.deadLetters();
    producer.send(new ProducerRecord<>(topic.name(), letter.getSourceTopic(), topic.valueSerde().serializer().serialize(topic.name(), letter)));
    deadLetterCounter.increment(letter.getReasonCode());
    deadLetters++;
  }

  private void publishSnapshot() {
    if (session == null) {
      return;
    }
    snapshot.set(new TrainerSnapshot(steps, session.trainedExamples(), modelVersion, session.trainAccuracy(),
        session.heldOutAccuracy(), skippedSteps, deadLetters));
  }

  private static byte[] bytes(String text) {
    return text == null ? null : text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Aborts an open transaction; false when the abort itself failed. */
  private boolean abortQuietly() {
    if (producer != null && transactionOpen) {
      try {
        producer.abortTransaction();
      } catch (KafkaException | IllegalStateException e) {
        LOG.debug("Abort failed", e);
        return false;
      }
    }
    return true;
  }

  private KafkaProducer<String, byte[]> newProducer() {
    KafkaProducer<String, byte[]> created = new KafkaProducer<>(settings.producer(Map.of(
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactionalId(),
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024)), new StringSerializer(), new ByteArraySerializer());
    created.initTransactions();
    return created;
  }

  private void closeClients() {
    if (consumer != null) {
      consumer.close(Duration.ofSeconds(5));
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
  }

  /** Publishes and commits what is pending, then stops the trainer thread. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(30_000);
      if (thread.isAlive() && consumer != null) {
        consumer.wakeup();
        thread.join(10_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
