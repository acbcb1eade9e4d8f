package io.invstream.app.serve;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;

/**
 * Meters of the prediction endpoint: {@code invstream.serve.requests{endpoint, outcome}}, the
 * latency timer {@code invstream.serve.latency{endpoint}}, the served version {@code
 * invstream.serve.model.version{model}} and {@code invstream.serve.model.updates{model, result}}
 * (applied, rejected, ignored).
 */
final class ServeMetrics implements MeterBinder {

  private final ModelSource source;
  private final String modelName;
  private MeterRegistry registry;

  ServeMetrics(ModelSource source, String modelName) {
    this.source = source;
    this.modelName = modelName;
  }

  @Override
  public void bindTo(MeterRegistry meterRegistry) {
    this.registry = meterRegistry;
    Gauge.builder("invstream.serve.model.version", source, s -> s.stats().currentVersion())
        .description("Version of the model being served; -1 before the first").tag("model", modelName).register(registry);
    update("applied", source);
    update("rejected", source);
    update("ignored", source);
  }

  /** Counts one answered request and its time. */
  void record(String endpoint, int status, long nanos) {
    Counter.builder("invstream.serve.requests").description("Requests answered, by outcome")
        .tags("endpoint", endpoint, "outcome", outcome(status)).register(registry).increment();
    Timer.builder("invstream.serve.latency").description("Time from request to reply").tag("endpoint", endpoint)
        .register(registry).record(nanos, TimeUnit.NANOSECONDS);
  }

  /** A tag value for an HTTP status. */
  static String outcome(int status) {
    return switch (status) {
      case 200 -> "ok";
      case 400 -> "bad_request";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "too_large";
      case 503 -> "unavailable";
      default -> "error";
    };
  }

  private void update(String result, ModelSource of) {
    FunctionCounter.builder("invstream.serve.model.updates", of, s -> switch (result) {
      case "applied" -> s.stats().applied();
      case "rejected" -> s.stats().rejected();
      default -> s.stats().ignored();
    }).description("Model updates read from the models topic, by what became of them").tags("model", modelName, "result", result)
        .register(registry);
  }
}
