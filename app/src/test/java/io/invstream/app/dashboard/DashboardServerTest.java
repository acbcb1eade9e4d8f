package io.invstream.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class DashboardServerTest {

  private final HttpClient client = HttpClient.newHttpClient();

  private HttpResponse<String> get(DashboardServer server, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesThePageItsDataMetricsAndHealth() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Counter.builder("invstream.drift.events").tag("environment", "env-01").register(registry).increment();
    try (DashboardServer server = new DashboardServer("127.0.0.1", 0, SyntheticHistory.fed(), registry)) {
      HttpResponse<String> page = get(server, "/");
      HttpResponse<String> history = get(server, "/api/history");
      HttpResponse<String> metrics = get(server, "/metrics");

      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("Held-out accuracy", "Drift and other events");
      assertThat(history.headers().firstValue("Content-Type")).contains("application/json");
      assertThat(history.body()).contains("\"modelVersion\":" + SyntheticHistory.MODEL_VERSION, "\"detector\":\"ADWIN\"",
          "\"drift\":{");
      assertThat(metrics.body()).contains("invstream_drift_events_total{environment=\"env-01\"} 1.0");
      assertThat(get(server, "/healthz").body()).isEqualTo("ok");
      assertThat(get(server, "/nothing").statusCode()).isEqualTo(404);
      assertThat(client.send(HttpRequest.newBuilder(URI.create(server.url())).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(405);
    }
  }
}
