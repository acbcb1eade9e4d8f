package io.invstream.trainer.service;

import io.invstream.core.deadletter.DeadLetterCounter;
import io.invstream.core.deadletter.DeadLetters;
import io.invstream.core.kafka.KafkaClientSettings;
import io.invstream.core.topic.TopicSpec;
import io.invstream.core.topic.Topics;
import io.invstream.schemas.validation.RejectReason;
import io.invstream.schemas.validation.Rejection;
import io.invstream.schemas.BalancedBatch;
import io.invstream.schemas.DeadLetter;
import io.invstream.schemas.DriftEvent;
import io.invstream.schemas.Example;
import io.invstream.schemas.FeatureVectors;
import io.invstream.schemas.ModelChunks;
import io.invstream.schemas.ModelUpdate;
import io.invstream.schemas.TrainingMetrics;
import io.invstream.trainer.session.DriftMeters;
import io.invstream.trainer.session.DriftRecords;
import io.invstream.trainer.session.DriftWatch;
import io.invstream.trainer.session.MetricsRecords;
import io.invstream.trainer.session.ModelSpecs;
import io.invstream.trainer.session.ModelUpdates;
import io.invstream.trainer.session.SessionStep;
import io.invstream.trainer.session.TrainerCheckpoints;
import io.invstream.trainer.session.TrainerMeters;
import io.invstream.trainer.session.TrainingSession;
import io.invstream.trainer.step.TrainerState;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
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
 * The Kafka trainer: consume balanced batches, train, publish metrics, checkpoints and models.
 *
 * <p>Consume, update and publish form one Kafka transaction spanning up to
 * {@code publishEverySteps} batches (or {@code publishEvery} time). Each commit writes, together:
 * the steps' metrics, a CHECKPOINT of the trainer's full state (parameters, optimiser moments,
 * algorithm state, counters) under {@code <model>/checkpoint}, a SERVING model update under
 * {@code <model>} when the publish policy allows, and the batch offsets. If a transaction aborts,
 * the trainer returns to the state of its last commit and re-reads, so in the committed history
 * every batch is trained on exactly once. A restarted trainer restores the newest checkpoint and
 * continues as if it had never stopped; serving versions only grow.
 *
 * <p>Guards: a step whose loss or update is NaN/Inf changes nothing, is counted, and its batch goes
 * to the dead-letter topic. After {@code maxConsecutiveFailures} such steps in a row the trainer
 * rolls back to the last checkpoint, quarantines those batches (dead-lettered when re-read, never
 * trained on) and raises the {@code invstream.trainer.alerts} counter. A model with a non-finite
 * parameter is never published.
 *
 * <p>Drift: after each step a {@link DriftWatch} (when enabled) observes a sample of the batch's
 * fresh (not replayed) examples' features and each environment's loss in the step; each level
 * change is sent to {@code <prefix>.drift} in the same transaction, counted in the drift meters and
 * handed to the listener. The watch's state is not rolled back with the model, so a batch re-read
 * after an abort is not observed again and the aborted transaction's drift events are sent again in
 * the next one (see {@link DriftLedger}). The watch starts afresh when the process does: references
 * are re-learned from the first batches after a restart.
 *
 * <p>Runs on its own thread; {@link #close()} commits what is pending and stops.
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
  private final PublishPolicy publishPolicy;
  private final OffsetLedger ledger = new OffsetLedger();
  private final Set<String> quarantined = new HashSet<>();
  private final Set<String> failingStreak = new HashSet<>();
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
  private long committedSkipped;
  private long committedDeadLetters;
  private long steps;
  private long modelVersion;
  private long skippedSteps;
  private long deadLetters;
  private long rollbacks;
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
    this.publishPolicy = new PublishPolicy(config.publishIfBetter());
    this.thread = new Thread(this::run, "trainer-" + modelName);
  }

  /**
   * Restores the newest checkpoint (or serving model) of {@code modelName}, then trains on a
   * background thread.
   *
   * @param algorithm CLI name of the algorithm, for metrics
   */
  public static TrainerService start(KafkaClientSettings settings, Topics topics, TrainerServiceConfig config,
      SessionFactory sessionFactory, String modelName, String algorithm, MeterRegistry registry, TrainingListener listener) {
    TrainerService service = new TrainerService(settings, topics, config, sessionFactory, modelName, algorithm, registry, listener);
    // The producer first: initTransactions waits until a previous instance's last transaction is
    // complete (committed or aborted, markers written), so the restore below reads its outcome.
    service.producer = service.newProducer();
    try {
      service.restore();
    } catch (RuntimeException e) {
      service.producer.close(Duration.ZERO);
      throw e;
    }
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
    ModelTopicReader.Latest latest = ModelTopicReader.read(settings, topics, modelName);
    latest.serving().ifPresent(serving -> {
      modelVersion = serving.getVersion();
      publishPolicy.restoreBest(serving.getMetrics().getOrDefault("selectionAccuracy", Double.NaN));
    });
    Optional<ModelUpdate> source = latest.checkpoint().or(latest::serving);
    if (source.isEmpty()) {
      return;
    }
    ModelUpdate update = source.get();
    startSession(ModelSpecs.parse(update.getArchitecture()).inputs());
    String built = session.trainer().model().spec().describe();
    if (!built.equals(update.getArchitecture())) {
      throw new IllegalStateException("Model '" + modelName + "' was published as '" + update.getArchitecture()
          + "' but this trainer builds '" + built + "'; train with the same architecture or choose another --model-name");
    }
    if (latest.checkpoint().isPresent()) {
      session.trainer().importState(TrainerCheckpoints.state(update));
      steps = update.getTrainerState().getSteps();
      modelVersion = Math.max(modelVersion, update.getVersion());
    } else {
      session.trainer().model().parameters().load(session.trainer().backend(), ModelUpdates.parameters(update));
    }
    committedSteps = steps;
    ledger.restore(update.getProvenance());
    meters.published(modelVersion);
    LOG.info("Restored model '{}' from its {} at step {} (serving version {})", modelName,
        latest.checkpoint().isPresent() ? "checkpoint" : "serving model", update.getStep(), modelVersion);
  }

  private void run() {
    try {
      consumer = new KafkaConsumer<>(settings.consumer(config.groupId(), Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50)),
          new StringDeserializer(), new ByteArrayDeserializer());
      consumer.subscribe(List.of(topics.batches().name()), new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
          // A revoked (or lost) partition restarts from its committed offset: steps of the open
          // transaction would be trained on twice if they were kept.
          if (!partitions.isEmpty() && running) {
            discardUncommitted("partitions " + partitions + " were revoked");
          }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
          if (!partitions.isEmpty()) {
            discardUncommitted("partitions " + partitions + " were lost");
          }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
          // Positions come from the committed offsets, which match the state kept in memory.
        }
      });
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
        if (handle(record)) {
          commitIfDue();
        } else {
          rollBackAfterFailures();
          return;
        }
      } catch (ProducerFencedException | AuthorizationException e) {
        throw e;
      } catch (KafkaException e) {
        rollBack(e.getMessage());
        return;
      }
    }
    try {
      commitIfDue();
    } catch (ProducerFencedException | AuthorizationException e) {
      throw e;
    } catch (KafkaException e) {
      rollBack(e.getMessage());
    }
  }

  private void commitIfDue() {
    boolean timeUp = System.nanoTime() - lastCommitNanos >= config.publishEvery().toNanos();
    if (transactionOpen && (stepsSinceCommit >= config.publishEverySteps() || timeUp)) {
      commit();
    }
  }

  /** Processes one batch record; false when the trainer must roll back after repeated non-finite steps. */
  private boolean handle(ConsumerRecord<String, byte[]> record) {
    if (!transactionOpen) {
      beginTransaction();
    }
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    BalancedBatch batch;
    try {
      batch = topics.batches().valueSerde().deserializer().deserialize(record.topic(), record.value());
    } catch (SerializationException e) {
      deadLetter(record, new Rejection(RejectReason.UNDECODABLE, e.getMessage()), bytes(record.key()), record.value());
      ledger.consumed(partition, record.offset(), List.of());
      publishSnapshot();
      return true;
    }
    if (quarantined.contains(batch.getBatchId())) {
      deadLetter(record, new Rejection(RejectReason.NON_FINITE, "batch " + batch.getBatchId() + " was quarantined: it took part in "
          + config.maxConsecutiveFailures() + " consecutive non-finite steps, after which the trainer rolled back"),
          bytes(record.key()), record.value());
      ledger.consumed(partition, record.offset(), batch.getSources());
      publishSnapshot();
      return true;
    }
    List<Example> examples = batch.getExamples();
    if (session == null) {
      startSession(FeatureVectors.length(examples.get(0).getFeatures()));
      committedState = session.trainer().exportState();
    }
    SessionStep step = session.step(batch.getBatchId(), examples);
    step.rejected().forEach((example, rejection) ->
        deadLetter(record, rejection, bytes(example.getId()), topics.environment(example.getEnvironment()).valueSerde().serializer()
            .serialize(record.topic(), example)));
    steps++;
    watchDrift(partition, record.offset(), FreshExamples.of(batch), step);
    stepsSinceCommit++;
    appliedSinceCommit |= step.applied();
    ledger.consumed(partition, record.offset(), batch.getSources());
    TrainingMetrics metrics = MetricsRecords.of(session.config(), step, steps, modelVersion, Instant.now());
    send(topics.metrics(), modelName, metrics);
    meters.record(metrics, step.nonFinite() ? "non_finite" : step.applied() ? "applied" : "evaluated");
    listener.onStep(metrics);
    if (step.nonFinite()) {
      skippedSteps++;
      failingStreak.add(batch.getBatchId());
      deadLetter(record, new Rejection(RejectReason.NON_FINITE, "training on batch " + batch.getBatchId()
          + " gave a NaN or infinite loss or update; the step was skipped"), bytes(record.key()), record.value());
    } else {
      failingStreak.clear();
    }
    publishSnapshot();
    return failingStreak.size() < config.maxConsecutiveFailures();
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
    send(topics.drift(), event.getEnvironment(), event);
    driftLedger.sent(event);
  }

  private void commit() {
    ModelUpdate serving = null;
    if (session != null && appliedSinceCommit) {
      if (!ModelUpdates.finite(session.trainer())) {
        throw new IllegalStateException("Model '" + modelName + "' has non-finite parameters; refusing to publish it");
      }
      Map<String, Double> publishMetrics = publishMetrics();
      if (publishPolicy.shouldPublish(publishMetrics.getOrDefault("selectionAccuracy", Double.NaN))) {
        serving = ModelUpdates.of(modelName, modelVersion + 1, session.trainer(), algorithm, publishMetrics, ledger.provenance(),
            config.codeVersion(), Instant.now());
        sendUpdate(modelName, serving);
      }
      sendUpdate(ModelTopicReader.checkpointKey(modelName), TrainerCheckpoints.of(modelName,
          serving != null ? serving.getVersion() : modelVersion, session.trainer(), algorithm, config.seed(), ledger.provenance(),
          config.codeVersion(), Instant.now()));
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = ledger.pendingOffsets();
    if (!offsets.isEmpty()) {
      producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
    }
    commitTransaction();
    transactionOpen = false;
    ledger.committed();
    driftLedger.committed();
    stepsSinceCommit = 0;
    appliedSinceCommit = false;
    lastCommitNanos = System.nanoTime();
    committedSteps = steps;
    committedSkipped = skippedSteps;
    committedDeadLetters = deadLetters;
    if (session != null) {
      committedState = session.trainer().exportState();
    }
    if (serving != null) {
      modelVersion = serving.getVersion();
      meters.published(modelVersion);
      listener.onPublished(serving);
    }
    publishSnapshot();
  }

  /**
   * Commits, retrying a timed-out commit: a timeout does not say whether the commit reached the
   * broker, so aborting could contradict a commit that happened. After repeated timeouts the
   * outcome is unknown and only a restart (which restores from what was committed) is safe.
   */
  private void commitTransaction() {
    for (int attempt = 1; ; attempt++) {
      try {
        producer.commitTransaction();
        return;
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        if (attempt == 5) {
          throw new IllegalStateException("Committing the transaction of model '" + modelName + "' timed out " + attempt
              + " times; its outcome is unknown, so the trainer stops: restart it to resume from what was committed", e);
        }
        LOG.warn("Commit of model '{}' timed out (attempt {}); retrying", modelName, attempt);
      }
    }
  }

  /** Rolls back after a streak of non-finite steps, quarantining its batches so the re-read skips them. */
  private void rollBackAfterFailures() {
    quarantined.addAll(failingStreak);
    rollbacks++;
    meters.alert("rollback");
    LOG.error("Model '{}': {} consecutive non-finite steps (batches {}); rolling back to the checkpoint of step {} and quarantining them",
        modelName, failingStreak.size(), failingStreak, committedSteps);
    failingStreak.clear();
    rollBack("repeated non-finite steps");
  }

  /** Aborts the open transaction and returns to the state of the last commit, re-reading its batches. */
  private void rollBack(String cause) {
    discardUncommitted(cause);
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
    publishSnapshot();
  }

  /** Aborts the open transaction, if any, and returns the trainer's state to the last commit. */
  private void discardUncommitted(String cause) {
    if (!transactionOpen && stepsSinceCommit == 0) {
      return;
    }
    LOG.warn("Transaction of model '{}' aborted ({}); back to step {}, re-reading from the committed offsets", modelName, cause,
        committedSteps);
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
    skippedSteps = committedSkipped;
    deadLetters = committedDeadLetters;
    stepsSinceCommit = 0;
    appliedSinceCommit = false;
    lastCommitNanos = System.nanoTime();
    if (session != null && committedState != null) {
      session.trainer().importState(committedState);
    }
  }

  private Map<String, Double> publishMetrics() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    Map<String, Double> train = session.trainAccuracy();
    Map<String, Double> heldOut = session.heldOutAccuracy();
    train.forEach((env, acc) -> metrics.put("accuracy/" + env, acc));
    heldOut.forEach((env, acc) -> metrics.put("heldOutAccuracy/" + env, acc));
    double selection = PublishPolicy.selectionAccuracy(train, heldOut);
    if (!Double.isNaN(selection)) {
      metrics.put("selectionAccuracy", selection);
    }
    return metrics;
  }

  private void sendUpdate(String key, ModelUpdate update) {
    for (ModelChunks.Keyed part : ModelChunks.split(key, update, config.maxMessageBytes())) {
      send(topics.models(), part.key(), part.update());
    }
  }

  private <V> void send(TopicSpec<String, V> topic, String key, V value) {
    producer.send(new ProducerRecord<>(topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value)));
  }

  private void deadLetter(ConsumerRecord<String, byte[]> source, Rejection rejection, byte[] key, byte[] value) {
    DeadLetter letter = DeadLetters.fromTopic(STAGE, rejection, source.topic(), source.partition(), source.offset(), key, value,
        Instant.now());
    send(topics.deadLetters(), letter.getSourceTopic(), letter);
    deadLetterCounter.increment(letter.getReasonCode());
    deadLetters++;
  }

  private void publishSnapshot() {
    if (session == null) {
      return;
    }
    snapshot.set(new TrainerSnapshot(steps, session.trainedExamples(), modelVersion, session.trainAccuracy(),
        session.heldOutAccuracy(), skippedSteps, deadLetters, rollbacks));
  }

  private static byte[] bytes(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
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
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.maxMessageBytes() + 64 * 1024,
        // One request in flight even where the client properties raise it: a batch retried after
        // CONCURRENT_TRANSACTIONS (a restart right after the previous instance's commit) or NOT_LEADER_OR_FOLLOWER
        // must not be overtaken by later ones, which the broker then refuses as out of order.
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1)), new StringSerializer(), new ByteArraySerializer());
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

  /** Commits what is pending, then stops the trainer thread. */
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
