package io.invstream.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the newest committed version of one model from the compacted models topic.
 *
 * <p>{@link #start} reads the whole topic to its end with {@code isolation.level=read_committed}
 * and installs the newest complete, valid serving version; a background thread then follows the
 * topic and swaps in each newer version as it is committed. A swap replaces one immutable {@link
 * ServingModel} by another behind an {@link AtomicReference}, so a caller of {@link #current()}
 * always gets a whole model, never a mix of two. Versions never go backwards and none is applied
 * twice. Chunked versions are assembled completely and validated before the swap; a bad update
 * is logged, counted and reported to the listener, and the model being served stays.
 *
 * <p>No consumer group: the subscriber assigns every partition of the topic itself and commits
 * nothing, so any number of serving instances read independently. A topic that does not exist yet
 * is looked for on every poll interval until the trainer creates it.
 */
public final class ModelSubscriber implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModelSubscriber.class);

  private final SubscriberConfig config;
  private final ModelListener listener;
  private final KafkaConsumer<String, byte[]> consumer;
  private final ModelFeed feed;
  private final AtomicReference<ServingModel> current = new AtomicReference<>();
  private final AtomicLong applied = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Thread thread;
  private volatile SubscriberStats stats = new SubscriberStats(-1, 0, 0, 0);

  private ModelSubscriber(SubscriberConfig config, ModelListener listener) {
    this.config = config;
    this.listener = listener;
    this.consumer = new KafkaConsumer<>(consumerProperties(config), new StringDeserializer(), new ByteArrayDeserializer());
    this.feed = new ModelFeed(config.modelName(), config.assemblyTimeout(), config.maxPendingVersions(), System::nanoTime,
        this::rejected);
    this.thread = new Thread(this::follow, "model-subscriber-" + config.modelName());
    this.thread.setDaemon(true);
  }

  /**
   * Reads the topic to its end, installs the newest valid version (if there is one), then follows
   * the topic on a background thread.
   *
   * @throws IllegalStateException if the topic cannot be read to its end within the startup timeout
   */
  public static ModelSubscriber start(SubscriberConfig config, ModelListener listener) {
    ModelSubscriber subscriber = new ModelSubscriber(config, listener);
    try {
      subscriber.catchUp();
    } catch (RuntimeException e) {
      subscriber.consumer.close(Duration.ZERO);
      throw e;
    }
    subscriber.thread.start();
    return subscriber;
  }

  /** The model being served, empty until a first valid version has been read. */
  public Optional<ServingModel> current() {
    return Optional.ofNullable(current.get());
  }

  /** Counts of applied, rejected and ignored updates; safe from any thread. */
  public SubscriberStats stats() {
    return stats;
  }

  /** False once the background thread has stopped: after {@link #close()} or a fatal Kafka error. */
  public boolean isRunning() {
    return thread.isAlive() && failure.get() == null;
  }

  /** Why the subscriber stopped following the topic, if it stopped on its own. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  /** Stops following the topic; the last model stays readable through {@link #current()}. */
  @Override
  public void close() {
    closing.countDown();
    consumer.wakeup();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void catchUp() {
    long deadline = System.nanoTime() + config.startupTimeout().toNanos();
    List<TopicPartition> partitions;
    try {
      partitions = partitions(config.startupTimeout());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Cannot read topic " + config.topic() + " at " + bootstrap() + " within "
          + config.startupTimeout().toMillis() + " ms (" + e.getMessage() + "); check that the cluster is reachable", e);
    }
    if (partitions.isEmpty()) {
      LOG.info("Topic {} does not exist yet; model '{}' will be served once the trainer publishes it", config.topic(),
          config.modelName());
      return;
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, config.startupTimeout());
    ServingModel newest = null;
    while (!reached(end)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Could not read " + config.topic() + " to its end (" + end + ") within "
            + config.startupTimeout().toMillis() + " ms; raise the startup timeout or check the cluster");
      }
      for (ConsumerRecord<String, byte[]> record : consumer.poll(config.pollTimeout())) {
        newest = feed.accept(record.key(), record.value(), where(record)).orElse(newest);
      }
    }
    if (newest != null) {
      install(newest);
    } else {
      LOG.info("No valid version of model '{}' on {} yet; waiting for one", config.modelName(), config.topic());
    }
    publishStats();
  }

  private void follow() {
    try {
      while (closing.getCount() > 0) {
        if (consumer.assignment().isEmpty() && !assignIfTopicExists()) {
          closing.await(config.pollTimeout().toMillis(), TimeUnit.MILLISECONDS);
          continue;
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(config.pollTimeout())) {
          feed.accept(record.key(), record.value(), where(record)).ifPresent(this::install);
        }
        feed.expire();
        publishStats();
      }
    } catch (WakeupException e) {
      if (closing.getCount() > 0) {
        failure.set(e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure.set(e);
      LOG.error("Model subscriber of '{}' stopped following {}: {}; version {} stays in service", config.modelName(),
          config.topic(), e.getMessage(), current().map(ServingModel::version).orElse(-1L), e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private boolean assignIfTopicExists() {
    List<TopicPartition> partitions;
    try {
      partitions = partitions(config.pollTimeout());
    } catch (TimeoutException e) {
      return false;
    }
    if (partitions.isEmpty()) {
      return false;
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    LOG.info("Topic {} appeared; following model '{}'", config.topic(), config.modelName());
    return true;
  }

  private List<TopicPartition> partitions(Duration timeout) {
    return consumer.partitionsFor(config.topic(), timeout).stream()
        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  private void install(ServingModel model) {
    ServingModel previous = current.getAndSet(model);
    applied.incrementAndGet();
    LOG.info("Serving model '{}' version {} (step {}, {})", config.modelName(), model.version(), model.metadata().step(),
        model.metadata().architecture());
    publishStats();
    try {
      listener.onSwap(Optional.ofNullable(previous), model);
    } catch (RuntimeException e) {
      LOG.warn("Model listener failed on version {}: {}", model.version(), e.getMessage(), e);
    }
  }

  private void rejected(RejectedUpdate rejection) {
    LOG.warn("Refused an update of model '{}' (version {}): {}; still serving version {}", rejection.modelName(),
        rejection.version(), rejection.reason(), current().map(ServingModel::version).orElse(-1L));
    try {
      listener.onRejected(rejection);
    } catch (RuntimeException e) {
      LOG.warn("Model listener failed on a rejection: {}", e.getMessage(), e);
    }
  }

  private void publishStats() {
    stats = new SubscriberStats(current().map(ServingModel::version).orElse(-1L), applied.get(), feed.rejected(),
        feed.ignored());
  }

  private String bootstrap() {
    return String.valueOf(config.kafka().get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
  }

  private static String where(ConsumerRecord<String, byte[]> record) {
    return record.topic() + "-" + record.partition() + "@" + record.offset();
  }

  private static Map<String, Object> consumerProperties(SubscriberConfig config) {
    Map<String, Object> properties = new HashMap<>(config.kafka());
    properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "invstream-model-subscriber-" + config.modelName());
    // Aborted or still-open transactions must never reach serving; offsets are positioned by hand.
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // Polling an absent topic must not create it uncompacted before the trainer's provisioner does.
    properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    return properties;
  }
}
