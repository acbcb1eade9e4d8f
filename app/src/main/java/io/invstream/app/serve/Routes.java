package io.invstream.app.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.invstream.client.ServingModel;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What {@code /predict}, {@code /model} and {@code /healthz} answer. */
final class Routes {

  private final ModelSource source;
  private final ServeConfig config;

  Routes(ModelSource source, ServeConfig config) {
    this.source = source;
    this.config = config;
  }

  /** {@code GET /}: what this server answers; every other unknown path gets a JSON 404. */
  Reply index(HttpExchange exchange) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", config.modelName());
    body.put("endpoints", java.util.List.of("POST /predict", "GET /model", "GET /healthz", "GET /metrics"));
    return Reply.ok(body);
  }

  /** {@code POST /predict}: probabilities and the predicted class of each example. */
  Reply predict(HttpExchange exchange) throws IOException {
    JsonNode body = JsonCodec.read(RequestBody.read(exchange, config.maxRequestBytes()));
    ServingModel model = model();
    PredictRequest request = PredictRequest.parse(body, model.inputs(), config.maxInstances());
    return Reply.ok(ModelDescription.predictions(model, model.predictAll(request.instances())));
  }

  /** {@code GET /model}: what the served model says about itself. */
  Reply model(HttpExchange exchange) {
    return Reply.ok(ModelDescription.of(model()));
  }

  /**
   * {@code GET /healthz}: 200 while a model is served and new versions are followed; 503 before
   * the first model or after the subscriber stopped (the last model keeps answering {@code
   * /predict} then, but it is no longer kept fresh).
   */
  Reply health(HttpExchange exchange) {
    Map<String, Object> body = new LinkedHashMap<>();
    Optional<ServingModel> model = source.current();
    Optional<Throwable> failure = source.failure();
    body.put("model", config.modelName());
    body.put("version", model.map(ServingModel::version).orElse(null));
    if (failure.isPresent()) {
      body.put("status", "stale: stopped following the models topic (" + failure.get().getMessage() + ")");
      return new Reply(503, body);
    }
    if (model.isEmpty()) {
      body.put("status", "waiting for the first version of model '" + config.modelName() + "'");
      return new Reply(503, body);
    }
    body.put("status", "serving");
    return Reply.ok(body);
  }

  private ServingModel model() {
    return source.current().orElseThrow(() -> new RequestRejected(503, "No version of model '" + config.modelName()
        + "' has been published yet; the trainer publishes one after its first steps (GET /healthz turns 200 then)"));
  }
}
