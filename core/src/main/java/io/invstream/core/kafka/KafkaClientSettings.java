package io.invstream.core.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Where the cluster is and how to talk to it. Standard Kafka client keys from a properties file
 * (security, SASL, SSL, timeouts...) pass through untouched to every client the pipeline creates;
 * keys starting with {@code invstream.} are the pipeline's own and are never passed to Kafka.
 *
 * @param bootstrapServers {@code host:port,...}
 * @param clientProperties pass-through Kafka client properties
 */
public record KafkaClientSettings(String bootstrapServers, Map<String, String> clientProperties) {

  /**
   * Requests in flight per connection of the producers this project creates. With more than one,
   * an idempotent producer can lose records written right after a topic is created (KAFKA-15591,
   * seen here with Kafka 4.3.1): the first request fails with NOT_LEADER_OR_FOLLOWER while the
   * broker applies the new partition, a later one is appended, and every retry of the first is
   * then refused as OUT_OF_ORDER_SEQUENCE_NUMBER until {@code delivery.timeout.ms} drops it.
   */
  public static final int SAFE_IN_FLIGHT_REQUESTS = 1;

  /** Keys with this prefix configure invstream itself, not Kafka clients. */
  public static final String OWN_PREFIX = "invstream.";
  public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

  public KafkaClientSettings {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrap servers must be set, e.g. --bootstrap-server 127.0.0.1:9092");
    }
    clientProperties = Map.copyOf(clientProperties);
  }

  public static KafkaClientSettings of(String bootstrapServers) {
    return new KafkaClientSettings(bootstrapServers, Map.of());
  }

  /**
   * Reads a properties file; {@code bootstrapServers} (from a flag or variable) wins over the file's
   * {@code bootstrap.servers}, which wins over {@link #DEFAULT_BOOTSTRAP}.
   */
  public static KafkaClientSettings load(Path propertiesFile, String bootstrapServers) {
    Map<String, String> fromFile = propertiesFile == null ? Map.of() : readProperties(propertiesFile);
    Map<String, String> passThrough = new HashMap<>();
    fromFile.forEach((key, value) -> {
      if (!key.startsWith(OWN_PREFIX)) {
        passThrough.put(key, value);
      }
    });
    String fileBootstrap = passThrough.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    String chosen = bootstrapServers != null ? bootstrapServers : fileBootstrap != null ? fileBootstrap : DEFAULT_BOOTSTRAP;
    return new KafkaClientSettings(chosen, passThrough);
  }

  /** Every key/value of a properties file. */
  public static Map<String, String> readProperties(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the properties file " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> map = new HashMap<>();
    properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
    return map;
  }

  /** Common client properties plus {@code overrides}. */
  public Map<String, Object> common(Map<String, ?> overrides) {
    Map<String, Object> config = new HashMap<>(clientProperties);
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.putAll(overrides);
    return config;
  }

  /**
   * An idempotent producer with {@code acks=all}; {@code overrides} may not weaken either. One
   * request in flight per connection unless the overrides say otherwise ({@link
   * #SAFE_IN_FLIGHT_REQUESTS}).
   */
  public Map<String, Object> producer(Map<String, ?> overrides) {
    Map<String, Object> config = common(Map.of());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, SAFE_IN_FLIGHT_REQUESTS);
    config.putAll(overrides);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return config;
  }

  /** A consumer reading only committed transactional data, with auto commit off. */
  public Map<String, Object> consumer(String groupId, Map<String, ?> overrides) {
    Map<String, Object> config = common(Map.of());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.putAll(overrides);
    return config;
  }

  public KafkaClientSettings withBootstrapServers(String servers) {
    return new KafkaClientSettings(servers, clientProperties);
  }
}
