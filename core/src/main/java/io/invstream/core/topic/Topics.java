package io.invstream.core.topic;

import io.invstream.schemas.AvroSerde;
import io.invstream.schemas.BalancedBatch;
import io.invstream.schemas.DeadLetter;
import io.invstream.schemas.DriftEvent;
import io.invstream.schemas.Example;
import io.invstream.schemas.ModelUpdate;
import io.invstream.schemas.TrainingMetrics;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The names and serdes of every topic of one pipeline, derived from a prefix:
 * {@code <prefix>.env.<environment>} per environment, then {@code <prefix>.batches},
 * {@code <prefix>.metrics}, {@code <prefix>.models} (compacted), {@code <prefix>.drift} and
 * {@code <prefix>.dead-letters}.
 *
 * @param prefix the namespace of this pipeline's topics; several pipelines can share a cluster
 */
public record Topics(String prefix) {

  /** Environment names become part of topic names, so they obey Kafka's topic-name alphabet. */
  private static final Pattern LEGAL_ENVIRONMENT = Pattern.compile("[A-Za-z0-9_-]{1,100}");
  private static final Serde<String> STRINGS = Serdes.String();

  public static final String DEFAULT_PREFIX = "invstream";

  public Topics {
    if (!prefix.matches("[A-Za-z0-9._-]{1,100}")) {
      throw new IllegalArgumentException("Topic prefix '" + prefix + "' may only hold letters, digits, '.', '_' and '-'");
    }
  }

  /** Examples of one environment, keyed by example id. */
  public TopicSpec<String, Example> environment(String environment) {
    return new TopicSpec<>(environmentTopicName(environment), STRINGS, AvroSerde.of(Example.class));
  }

  /** Topic name of {@code environment}'s examples. */
  public String environmentTopicName(String environment) {
    if (!LEGAL_ENVIRONMENT.matcher(environment).matches()) {
      throw new IllegalArgumentException("Environment name '" + environment
          + "' must be 1-100 letters, digits, '_' or '-' because it becomes part of a topic name");
    }
    return prefix + ".env." + environment;
  }

  /** Matches every environment topic of this pipeline, for pattern subscriptions. */
  public Pattern environmentPattern() {
    return Pattern.compile(Pattern.quote(prefix + ".env.") + "[A-Za-z0-9_-]+");
  }

  /** The environment an environment topic carries, if {@code topic} is one. */
  public Optional<String> environmentOf(String topic) {
    String head = prefix + ".env.";
    if (topic.startsWith(head) && LEGAL_ENVIRONMENT.matcher(topic.substring(head.length())).matches()) {
      return Optional.of(topic.substring(head.length()));
    }
    return Optional.empty();
  }

  /** Balanced batches, keyed by batch id. */
  public TopicSpec<String, BalancedBatch> batches() {
    return new TopicSpec<>(prefix + ".batches", STRINGS, AvroSerde.of(BalancedBatch.class));
  }

  /** Per-step training metrics, keyed by model name. */
  public TopicSpec<String, TrainingMetrics> metrics() {
    return new TopicSpec<>(prefix + ".metrics", STRINGS, AvroSerde.of(TrainingMetrics.class));
  }

  /** Model versions, keyed by model name; compacted so the newest version of each model stays. */
  public TopicSpec<String, ModelUpdate> models() {
    return new TopicSpec<>(prefix + ".models", STRINGS, AvroSerde.of(ModelUpdate.class));
  }

  /** Drift detectors' level changes, keyed by environment so one environment's events stay in order. */
  public TopicSpec<String, DriftEvent> drift() {
    return new TopicSpec<>(prefix + ".drift", STRINGS, AvroSerde.of(DriftEvent.class));
  }

  /** How far each input file has been ingested (rows), keyed by source id; compacted. */
  public TopicSpec<String, String> ingestProgress() {
    return new TopicSpec<>(prefix + ".ingest-progress", STRINGS, STRINGS);
  }

  /** Records the pipeline could not use, keyed by the topic they came from. */
  public TopicSpec<String, DeadLetter> deadLetters() {
    return new TopicSpec<>(prefix + ".dead-letters", STRINGS, AvroSerde.of(DeadLetter.class));
  }
}
