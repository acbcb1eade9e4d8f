package io.invstream.topology;

import io.invstream.core.topic.Topics;
import io.invstream.schemas.AvroSerde;
import io.invstream.schemas.BalancedBatch;
import io.invstream.schemas.DeadLetter;
import io.invstream.schemas.Example;
import io.invstream.topology.metrics.BalancerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The production topology in a {@link TopologyTestDriver}, with helpers to feed environments and read batches. */
final class BalancerDriver implements AutoCloseable {

  static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  final BalancerConfig config;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TopologyTestDriver driver;
  private final Topics topics;
  private final Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
  private final TestOutputTopic<String, BalancedBatch> batches;
  private final TestOutputTopic<String, DeadLetter> deadLetters;

  BalancerDriver(BalancerConfig config) {
    this.config = config;
    this.topics = config.topics();
    Properties properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    properties.put(StreamsConfig.STATE_DIR_CONFIG, tempDirectory().toString());
    BalancerMetrics metrics = new BalancerMetrics(Clock.systemUTC());
    metrics.bindTo(registry);
    driver = new TopologyTestDriver(BalancerTopology.build(config, metrics), properties, START);
    batches = driver.createOutputTopic(topics.batches().name(), new StringDeserializer(), AvroSerde.of(BalancedBatch.class));
    deadLetters = driver.createOutputTopic(topics.deadLetters().name(), new StringDeserializer(), AvroSerde.of(DeadLetter.class));
  }

  static BalancerConfig.Builder config() {
    return BalancerConfig.builder().topicPrefix("t").applicationId("test-balancer").examplesPerEnvironment(2)
        .maxWait(Duration.ofSeconds(1)).idleTimeout(Duration.ofSeconds(10));
  }

  /** Sends a valid example with event time = the driver's start plus {@code eventOffsetMillis}. */
  void send(String environment, String id, int label, long eventOffsetMillis) {
    send(environment, TestExamples.example(environment, id, label, START.toEpochMilli() + eventOffsetMillis));
  }

  void send(String environment, String id) {
    send(environment, id, 0, 0);
  }

  void send(String environment, Example example) {
    sendRaw(environment, id(example), TestExamples.bytes(example));
  }

  void sendRaw(String environment, byte[] key, byte[] value) {
    inputs.computeIfAbsent(environment, name -> driver.createInputTopic(topics.environmentTopicName(name),
        new ByteArraySerializer(), new ByteArraySerializer())).pipeInput(key, value);
  }

  /**
   * One FULL batch from a and b (read, checked and dropped), then a3 and a4 from a alone: b stays
   * active with nothing buffered while a holds one quota (k = 2).
   */
  void starveB() {
    send("a", "a1");
    send("b", "b1");
    send("a", "a2");
    send("b", "b2");
    if (batches().size() != 1) {
      throw new IllegalStateException("the scenario expects k = 2 and a FULL first batch");
    }
    send("a", "a3");
    send("a", "a4");
  }

  void advance(Duration duration) {
    driver.advanceWallClockTime(duration);
  }

  List<BalancedBatch> batches() {
    return batches.readValuesToList();
  }

  List<DeadLetter> deadLetters() {
    return deadLetters.readValuesToList();
  }

  double counter(String name, String... tags) {
    var counter = registry.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  double gauge(String name, String... tags) {
    var gauge = registry.find(name).tags(tags).gauge();
    return gauge == null ? Double.NaN : gauge.value();
  }

  private static byte[] id(Example example) {
    return example.getId().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static Path tempDirectory() {
    try {
      return Files.createTempDirectory("balancer-ttd-");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.close();
  }
}
