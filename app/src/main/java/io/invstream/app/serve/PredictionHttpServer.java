package io.invstream.app.serve;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The JDK HTTP server with the prediction endpoints ({@code POST /predict}, {@code GET /model},
 * {@code GET /healthz}) and Prometheus's {@code GET /metrics}, over whatever model a {@link
 * ModelSource} holds.
 */
final class PredictionHttpServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;

  PredictionHttpServer(ServeConfig config, ModelSource source, PrometheusMeterRegistry registry) {
    ServeMetrics metrics = new ServeMetrics(source, config.modelName());
    metrics.bindTo(registry);
    Routes routes = new Routes(source, config);
    try {
      server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot serve on " + config.host() + ":" + config.port() + " (" + e.getMessage()
          + "); choose another port with --http-port", e);
    }
    server.createContext("/", new Endpoint("/", "GET", routes::index, metrics));
    server.createContext("/predict", new Endpoint("/predict", "POST", routes::predict, metrics));
    server.createContext("/model", new Endpoint("/model", "GET", routes::model, metrics));
    server.createContext("/healthz", new Endpoint("/healthz", "GET", routes::health, metrics));
    server.createContext("/metrics", exchange -> {
      try (exchange) {
        byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    });
    executor = Executors.newFixedThreadPool(config.threads(), runnable -> {
      Thread thread = new Thread(runnable, "serve-http");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.start();
  }

  /** The port actually bound. */
  int port() {
    return server.getAddress().getPort();
  }

  String url() {
    return "http://" + server.getAddress().getHostString() + ":" + port() + "/";
  }

  @Override
  public void close() {
    server.stop(1);
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
