package io.invstream.app.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invstream.core.kafka.KafkaClientSettings;
import io.invstream.core.topic.TopicLayout;
import io.invstream.core.topic.TopicProvisioner;
import io.invstream.core.topic.TopicSpec;
import io.invstream.core.topic.Topics;
import io.invstream.schemas.ModelChunks;
import io.invstream.schemas.ModelUpdate;
import io.invstream.schemas.SourceRange;
import io.invstream.testing.KafkaCluster;
import io.invstream.testing.RealKafka;
import io.invstream.testing.TestTopics;
import io.invstream.trainer.algorithm.AlgorithmRegistry;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.optim.AdamConfig;
import io.invstream.trainer.session.ModelUpdates;
import io.invstream.trainer.step.Predictions;
import io.invstream.trainer.step.Trainer;
import io.invstream.trainer.step.TrainerConfig;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** {@code invstream serve}'s server over the real broker, fed by models the trainer builds. */
@RealKafka
class ServeCommandIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Nd4jCpuBackend BACKEND = new Nd4jCpuBackend();
  private static final String NAME = "served";

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesTheTrainersModelOverHttpAndFollowsNewVersions(KafkaCluster cluster) throws Exception {
    Topics topics = new Topics(TestTopics.uniquePrefix("serve"));
    KafkaClientSettings settings = KafkaClientSettings.of(cluster.bootstrapServers());
    try (Admin admin = Admin.create(settings.common(Map.of()))) {
      new TopicProvisioner(admin, TopicLayout.singleBroker()).ensurePipelineTopics(topics, List.of());
    }
    ServeConfig config = new ServeConfig("127.0.0.1", 0, NAME, 1 << 20, 64, 2, Duration.ofSeconds(30));
    Trainer trainer = Trainer.create(BACKEND, new Mlp(6, List.of(32), 3), AdamConfig.of(0.01, 0),
        AlgorithmRegistry.standard().create("erm", Map.of(), new SplittableRandom(1)), TrainerConfig.DEFAULTS, new SplittableRandom(2));
    float[] features = {0.5f, -1f, 2f, 0f, 1.5f, -0.25f};

    try (ModelServer server = new ModelServer(config, settings, topics, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        KafkaProducer<String, byte[]> producer = transactionalProducer(settings)) {
      assertThat(send(server, "GET", "/healthz", null).statusCode()).isEqualTo(503);
      assertThat(send(server, "POST", "/predict", "{\"features\": [1, 2, 3, 4, 5, 6]}").statusCode()).isEqualTo(503);

      publish(producer, topics, ModelUpdates.of(NAME, 1, trainer, "erm", Map.of("accuracy/env-a", 0.5),
          List.of(new SourceRange(topics.environmentTopicName("env-a"), 0, 0L, 41L)), "test", Instant.parse("2026-03-04T05:06:07Z")));
      await().atMost(Duration.ofSeconds(30)).until(() -> send(server, "GET", "/healthz", null).statusCode() == 200);

      HttpResponse<String> predicted = send(server, "POST", "/predict", "{\"features\": " + java.util.Arrays.toString(features) + "}");
      assertThat(predicted.statusCode()).isEqualTo(200);
      JsonNode answer = JSON.readTree(predicted.body());
      Predictions expected = trainer.predict(features, 1);
      assertThat(answer.get("version").asLong()).isEqualTo(1);
      for (int k = 0; k < 3; k++) {
        assertThat(answer.get("predictions").get(0).get("probabilities").get(k).floatValue())
            .isCloseTo(expected.probability(0, k), within(1e-5f));
      }
      assertThat(answer.get("predictions").get(0).get("label").asInt()).isEqualTo(expected.predicted()[0]);

      JsonNode info = JSON.readTree(send(server, "GET", "/model", null).body());
      assertThat(info.get("architecture").asText()).isEqualTo("mlp 6-32-3");
      assertThat(info.get("algorithm").asText()).isEqualTo("erm");
      assertThat(info.get("createdAt").asText()).isEqualTo("2026-03-04T05:06:07Z");
      assertThat(info.get("provenance").get(0).get("topic").asText()).isEqualTo(topics.environmentTopicName("env-a"));
      assertThat(send(server, "POST", "/predict", "{\"features\": [1, 2]}").statusCode()).isEqualTo(400);

      publish(producer, topics, ModelUpdates.of(NAME, 2, trainer, "erm", Map.of(), List.of(), "test", Instant.now()));
      await().atMost(Duration.ofSeconds(30))
          .until(() -> JSON.readTree(send(server, "GET", "/model", null).body()).get("version").asLong() == 2);
    }
  }

  /** One transaction holding the update cut into chunks, as the trainer sends large models. */
  private static void publish(KafkaProducer<String, byte[]> producer, Topics topics, ModelUpdate update) {
    TopicSpec<String, ModelUpdate> models = topics.models();
    producer.beginTransaction();
    for (ModelChunks.Keyed part : ModelChunks.split(NAME, update, 64 * 1024 + 256)) {
      producer.send(new ProducerRecord<>(models.name(), part.key(), models.valueSerde().serializer().serialize(models.name(),
          part.update())));
    }
    producer.commitTransaction();
  }

  private static KafkaProducer<String, byte[]> transactionalProducer(KafkaClientSettings settings) {
    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings.producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG,
        "serve-it-" + System.nanoTime())), new StringSerializer(), new ByteArraySerializer());
    producer.initTransactions();
    return producer;
  }

  private HttpResponse<String> send(ModelServer server, String method, String path, String body) throws Exception {
    HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).method(method, publisher).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
