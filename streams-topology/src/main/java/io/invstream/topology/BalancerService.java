package io.invstream.topology;

import io.invstream.core.kafka.KafkaClientSettings;
import io.invstream.topology.metrics.BalancerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the balancer: Kafka Streams with exactly-once v2, the balancer's meters and Kafka Streams' own
 * (through Micrometer's {@link KafkaStreamsMetrics} binder). Instances started with the same
 * application id share the environment partitions between them.
 */
public final class BalancerService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BalancerService.class);

  private final KafkaStreams streams;
  private final KafkaStreamsMetrics streamsMetrics;
  private final CountDownLatch stopped;

  private BalancerService(KafkaStreams streams, KafkaStreamsMetrics streamsMetrics, CountDownLatch stopped) {
    this.streams = streams;
    this.streamsMetrics = streamsMetrics;
    this.stopped = stopped;
  }

  /** Starts the balancer; it runs on Kafka Streams' threads until {@link #close()}. */
  public static BalancerService start(KafkaClientSettings settings, BalancerConfig config, MeterRegistry registry) {
    CoPartitioning.warnIfMismatched(settings, config.topics());
    BalancerMetrics metrics = new BalancerMetrics(Clock.systemUTC());
    metrics.bindTo(registry);
    KafkaStreams streams = new KafkaStreams(BalancerTopology.build(config, metrics), streamsProperties(settings, config));
    streams.setUncaughtExceptionHandler(exception -> {
      LOG.error("The balancer stopped on an unexpected error; its transaction is aborted and a restart resumes from the "
          + "last commit", exception);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    CountDownLatch stopped = new CountDownLatch(1);
    streams.setStateListener((now, before) -> {
      if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.PENDING_ERROR) {
        stopped.countDown();
      }
    });
    KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(registry);
    streams.start();
    return new BalancerService(streams, streamsMetrics, stopped);
  }

  /**
   * Kafka Streams properties: tunable defaults, then the pass-through client properties, then the
   * balancer's own, which a properties file cannot weaken (exactly-once in particular).
   */
  public static Properties streamsProperties(KafkaClientSettings settings, BalancerConfig config) {
    Properties properties = new Properties();
    // Tunable defaults first: a batch record holds k examples per environment, larger than the 16 KB default.
    properties.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
    // Wait briefly for an environment partition that ran dry, so one environment's backlog is not consumed ahead of the others.
    properties.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, config.taskIdle().toMillis());
    properties.putAll(settings.common(Map.of()));
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
    properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
    // The topology has no global state; opting in now silences Kafka's start-up warning and matches Kafka 5's default.
    properties.put("processing.exception.handler.global.enabled", true);
    properties.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.METADATA_MAX_AGE_CONFIG), config.discoveryInterval().toMillis());
    if (config.stateDirectory() != null) {
      properties.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDirectory().toAbsolutePath().toString());
    }
    return properties;
  }

  /** Kafka Streams' state: RUNNING once partitions are assigned and state restored. */
  public KafkaStreams.State state() {
    return streams.state();
  }

  /** Blocks until Kafka Streams stops, by {@link #close()} or by a fatal error. */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  /** The underlying Kafka Streams instance, for metadata queries. */
  public KafkaStreams streams() {
    return streams;
  }

  /** Stops processing, committing what was processed, within {@code timeout}. */
  public void close(Duration timeout) {
    streamsMetrics.close();
    streams.close(timeout);
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }
}
