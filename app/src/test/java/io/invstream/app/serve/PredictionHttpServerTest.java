package io.invstream.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invstream.client.InputRange;
import io.invstream.client.ModelMetadata;
import io.invstream.client.ServingModel;
import io.invstream.client.SubscriberStats;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The endpoints over a model held in memory: status codes, bodies and meters. */
class PredictionHttpServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AtomicReference<ServingModel> model = new AtomicReference<>();
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private PredictionHttpServer server;

  @BeforeEach
  void start() {
    ModelSource source = new ModelSource() {
      @Override
      public Optional<ServingModel> current() {
        return Optional.ofNullable(model.get());
      }

      @Override
      public Optional<Throwable> failure() {
        return Optional.empty();
      }

      @Override
      public SubscriberStats stats() {
        return new SubscriberStats(current().map(ServingModel::version).orElse(-1L), 0, 0, 0);
      }
    };
    server = new PredictionHttpServer(new ServeConfig("127.0.0.1", 0, "m", 1024, 4, 2, Duration.ofSeconds(5)), source, registry);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void answersUnavailableUntilAModelExists() throws Exception {
    assertThat(post("/predict", "{\"features\": [1, 2]}")).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(json(r).get("error").asText()).contains("No version of model 'm' has been published yet");
    });
    assertThat(get("/model").statusCode()).isEqualTo(503);
    assertThat(get("/healthz")).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(json(r).get("status").asText()).contains("waiting for the first version");
    });

    model.set(logistic(7));

    assertThat(get("/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void predictsOneOrSeveralExamples() throws Exception {
    model.set(logistic(7));

    JsonNode one = json(post("/predict", "{\"features\": [1, 0]}"));
    JsonNode two = json(post("/predict", "{\"instances\": [[1, 0], [0, 1]]}"));

    assertThat(one.get("model").asText()).isEqualTo("m");
    assertThat(one.get("version").asLong()).isEqualTo(7);
    assertThat(one.get("predictions")).hasSize(1);
    float[] expected = logistic(7).predict(new float[] {1, 0}).probabilities();
    assertThat(one.get("predictions").get(0).get("probabilities").get(0).floatValue()).isEqualTo(expected[0]);
    assertThat(one.get("predictions").get(0).get("label").asInt()).isEqualTo(0);
    assertThat(two.get("predictions")).extracting(p -> p.get("label").asInt()).containsExactly(0, 1);
  }

  @Test
  void describesTheServedModel() throws Exception {
    model.set(logistic(7));

    JsonNode info = json(get("/model"));

    assertThat(info.get("name").asText()).isEqualTo("m");
    assertThat(info.get("version").asLong()).isEqualTo(7);
    assertThat(info.get("step").asLong()).isEqualTo(70);
    assertThat(info.get("algorithm").asText()).isEqualTo("andmask");
    assertThat(info.get("hyperparameters").get("tau").asText()).isEqualTo("0.8");
    assertThat(info.get("architecture").asText()).isEqualTo("logistic 2-2");
    assertThat(info.get("createdAt").asText()).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(info.get("metrics").get("accuracy/a").asDouble()).isEqualTo(0.9);
    assertThat(info.get("metrics").get("heldOutAccuracy/t").isNull()).isTrue();
    assertThat(info.get("provenance").get(0).get("lastOffset").asLong()).isEqualTo(99);
  }

  @Test
  void refusesBadRequestsWithAClearMessage() throws Exception {
    model.set(logistic(7));

    assertThat(post("/predict", "{\"features\": [1, ")).satisfies(r -> assertError(r, 400, "not valid JSON"));
    assertThat(post("/predict", "{\"features\": [1, 2, 3]}")).satisfies(r -> assertError(r, 400, "the model expects 2"));
    assertThat(post("/predict", "{\"features\": [1, 1e40]}")).satisfies(r -> assertError(r, 400, "not a finite float32"));
    assertThat(post("/predict", "{\"features\": [" + "1,".repeat(600) + "1]}")).satisfies(r -> assertError(r, 413, "exceeds 1024 bytes"));
    assertThat(get("/predict")).satisfies(r -> {
      assertError(r, 405, "/predict answers POST only");
      assertThat(r.headers().firstValue("Allow")).contains("POST");
    });
    assertThat(get("/predict/extra")).satisfies(r -> assertError(r, 404, "No such endpoint /predict/extra"));
    assertThat(get("/elsewhere")).satisfies(r -> assertError(r, 404, "No such endpoint /elsewhere"));
    assertThat(json(get("/")).get("endpoints").toString()).contains("POST /predict");
  }

  @Test
  void countsRequestsByOutcomeAndExposesTheServedVersion() throws Exception {
    model.set(logistic(7));
    post("/predict", "{\"features\": [1, 0]}");
    post("/predict", "{\"features\": [1]}");
    post("/predict", "{\"features\": [1]}");

    assertThat(registry.get("invstream.serve.requests").tags("endpoint", "/predict", "outcome", "ok").counter().count()).isEqualTo(1);
    assertThat(registry.get("invstream.serve.requests").tags("endpoint", "/predict", "outcome", "bad_request").counter().count())
        .isEqualTo(2);
    assertThat(registry.get("invstream.serve.latency").tags("endpoint", "/predict").timer().count()).isEqualTo(3);
    assertThat(registry.get("invstream.serve.model.version").tags("model", "m").gauge().value()).isEqualTo(7);
    assertThat(get("/metrics").body()).contains("invstream_serve_requests_total{endpoint=\"/predict\",outcome=\"ok\"} 1.0");
  }

  private static void assertError(HttpResponse<String> response, int status, String message) {
    assertThat(response.statusCode()).isEqualTo(status);
    try {
      assertThat(JSON.readTree(response.body()).get("error").asText()).contains(message);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  /** {@code logistic 2-2} with weights [[2, -1], [-1, 2]]: the larger feature wins. */
  private static ServingModel logistic(long version) {
    ModelMetadata metadata = new ModelMetadata("m", version, version * 10, Instant.parse("2026-01-02T03:04:05Z"), "andmask",
        Map.of("tau", "0.8"), "logistic 2-2", new java.util.LinkedHashMap<>(Map.of("accuracy/a", 0.9, "heldOutAccuracy/t", Double.NaN)),
        List.of(new InputRange("p.env.a", 0, 0, 99)), "test", 0);
    return ServingModel.of(metadata, Map.of("dense0.weight", new float[] {2, -1, -1, 2}, "dense0.bias", new float[2]));
  }

  private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }
}
