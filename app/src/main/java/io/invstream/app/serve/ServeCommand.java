package io.invstream.app.serve;

import io.invstream.app.balance.DurationConverter;
import io.invstream.app.cli.KafkaOptions;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code invstream serve}: the newest committed version of a model behind a JSON prediction endpoint. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serve the newest committed version of a model over HTTP, swapping in each new version as the trainer",
        "publishes it: POST /predict, GET /model, GET /healthz, GET /metrics."})
public final class ServeCommand implements Callable<Integer> {

  @Mixin KafkaOptions kafka;

  @Option(names = "--model-name", defaultValue = "default", description = "Model to serve (default: ${DEFAULT-VALUE}).")
  String modelName;

  @Option(names = "--http-host", defaultValue = "127.0.0.1",
      description = "Address to bind; loopback by default since the endpoint has no authentication (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--http-port", defaultValue = "8090", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--max-request-bytes", defaultValue = "1048576",
      description = "Larger request bodies are refused with 413 (default: ${DEFAULT-VALUE}).")
  int maxRequestBytes;

  @Option(names = "--max-instances", defaultValue = "1024", description = "Most examples per request (default: ${DEFAULT-VALUE}).")
  int maxInstances;

  @Option(names = "--http-threads", defaultValue = "4", description = "HTTP worker threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--startup-timeout", defaultValue = "60s", converter = DurationConverter.class,
      description = "Longest reading the models topic to its end may take at start (default: ${DEFAULT-VALUE}).")
  Duration startupTimeout;

  @Override
  public Integer call() throws InterruptedException {
    ServeConfig config = config();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.countDown();
      awaitQuietly(stopped);
    }, "serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try (ModelServer server = new ModelServer(config, kafka.settings(), kafka.topics(), registry)) {
      System.err.printf("Serving model '%s' from %s at %s (POST /predict, GET /model, GET /healthz, GET /metrics); "
          + "current version: %s. Ctrl-C stops.%n", modelName, kafka.topics().models().name(), server.url(),
          server.subscriber().current().map(m -> String.valueOf(m.version())).orElse("none yet"));
      stop.await();
    } finally {
      stopped.countDown();
    }
    return 0;
  }

  ServeConfig config() {
    return new ServeConfig(host, port, modelName, maxRequestBytes, maxInstances, threads, startupTimeout);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
