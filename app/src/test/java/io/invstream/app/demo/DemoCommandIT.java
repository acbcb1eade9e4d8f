package io.invstream.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.app.cli.InvstreamCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code invstream demo --seconds N --json} as a user runs it: its own embedded broker, the live page, the JSON summary. */
class DemoCommandIT {

  @Test
  void demoTrainsServesMetricsAndThePageAndEndsWithAJsonSummary() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    AtomicReference<String> metrics = new AtomicReference<>("");
    AtomicReference<String> page = new AtomicReference<>("");
    AtomicReference<String> history = new AtomicReference<>("");
    int exit;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      String[] args = {"demo", "--seconds", "40", "--json", "--http-port", Integer.toString(port), "--environments", "16"};
      CompletableFuture<Integer> demo = CompletableFuture.supplyAsync(() -> InvstreamCli.execute(args, Map.of()));
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      String base = "http://127.0.0.1:" + port;
      long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
      while (!demo.isDone() && System.nanoTime() < deadline) {
        try {
          String scrape = get(http, base + "/metrics");
          if (scrape.contains("invstream_trainer_accuracy")) {
            metrics.set(scrape);
            page.set(get(http, base + "/"));
            history.set(get(http, base + "/api/history"));
            break;
          }
        } catch (java.io.IOException e) {
          // Not serving yet.
        }
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
      }
      exit = demo.get();
    } finally {
      System.setOut(original);
    }

    assertThat(exit).isZero();
    assertThat(metrics.get()).containsPattern("invstream_trainer_accuracy\\{[^}]*environment=\"env-00\"")
        .containsPattern("invstream_trainer_loss\\{[^}]*environment=\"test-00\"[^}]*heldOut=\"true\"")
        .contains("invstream_balancer_batches");
    assertThat(page.get()).contains("<canvas id=\"accuracy\"");
    assertThat(history.get()).contains("\"heldOut\":[\"test-00\"]");
    String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n");
    String json = lines[lines.length - 1];
    assertThat(json).startsWith("{\"algorithm\":\"andmask\"").contains("\"trainAccuracy\":{\"env-00\":")
        .containsPattern("\"testAccuracy\":(0|1|0\\.\\d+)");
    assertThat(Long.parseLong(json.replaceAll(".*\"steps\":(\\d+).*", "$1"))).isPositive();
    assertThat(Long.parseLong(json.replaceAll(".*\"modelVersion\":(\\d+).*", "$1"))).isGreaterThanOrEqualTo(1);
  }

  private static String get(HttpClient http, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }
}
