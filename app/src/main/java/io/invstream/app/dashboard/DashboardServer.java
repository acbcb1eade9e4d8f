package io.invstream.app.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.invstream.core.json.Json;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves the live page ({@code /}), its data ({@code /api/history}) and Prometheus metrics
 * ({@code /metrics}). Binds to 127.0.0.1 unless told otherwise: the endpoints have no authentication.
 */
public final class DashboardServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
    Thread thread = new Thread(runnable, "dashboard-http");
    thread.setDaemon(true);
    return thread;
  });

  /**
   * @param host address to bind, 127.0.0.1 by default in every command
   * @param port TCP port, 0 for a free one
   */
  public DashboardServer(String host, int port, TrainingHistory history, PrometheusMeterRegistry registry) {
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot serve the dashboard on " + host + ":" + port
          + " (" + e.getMessage() + "); choose another port with --http-port", e);
    }
    byte[] page = resource("index.html");
    server.createContext("/", exchange -> {
      if (!exchange.getRequestURI().getPath().equals("/")) {
        send(exchange, 404, "text/plain", "Not found".getBytes(StandardCharsets.UTF_8));
      } else {
        send(exchange, 200, "text/html; charset=utf-8", page);
      }
    });
    server.createContext("/api/history", exchange ->
        send(exchange, 200, "application/json", Json.write(history.snapshot()).getBytes(StandardCharsets.UTF_8)));
    server.createContext("/metrics", exchange ->
        send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape().getBytes(StandardCharsets.UTF_8)));
    server.createContext("/healthz", exchange -> send(exchange, 200, "text/plain", "ok".getBytes(StandardCharsets.UTF_8)));
    server.setExecutor(executor);
    server.start();
  }

  /** The port actually bound. */
  public int port() {
    return server.getAddress().getPort();
  }

  public String url() {
    return "http://" + server.getAddress().getHostString() + ":" + port() + "/";
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = DashboardServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Dashboard page " + name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
