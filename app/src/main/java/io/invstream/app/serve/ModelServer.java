package io.invstream.app.serve;

import io.invstream.client.ModelListener;
import io.invstream.client.ModelSubscriber;
import io.invstream.client.SubscriberConfig;
import io.invstream.core.kafka.KafkaClientSettings;
import io.invstream.core.topic.Topics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;

/** A model subscriber and the HTTP endpoints over it: what {@code invstream serve} runs. */
final class ModelServer implements AutoCloseable {

  private final ModelSubscriber subscriber;
  private final PredictionHttpServer http;

  /**
   * Reads the models topic to its end (the newest committed version is served at once if there
   * is one), then opens the HTTP port.
   */
  ModelServer(ServeConfig config, KafkaClientSettings settings, Topics topics, PrometheusMeterRegistry registry) {
    SubscriberConfig subscription = SubscriberConfig.of(settings.common(Map.of()), topics.models().name(), config.modelName())
        .withStartupTimeout(config.startupTimeout());
    subscriber = ModelSubscriber.start(subscription, ModelListener.NONE);
    try {
      http = new PredictionHttpServer(config, ModelSource.of(subscriber), registry);
    } catch (RuntimeException e) {
      subscriber.close();
      throw e;
    }
  }

  int port() {
    return http.port();
  }

  String url() {
    return http.url();
  }

  ModelSubscriber subscriber() {
    return subscriber;
  }

  @Override
  public void close() {
    http.close();
    subscriber.close();
  }
}
