package io.invstream.app.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One path and method of the server: checks both, runs its route, writes the reply as JSON and
 * counts it. Every failure becomes a JSON error body; nothing escapes to the HTTP server.
 */
final class Endpoint implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(Endpoint.class);

  /** What the endpoint does once path and method are right. */
  @FunctionalInterface
  interface Route {
    Reply handle(HttpExchange exchange) throws IOException;
  }

  private final String path;
  private final String method;
  private final Route route;
  private final ServeMetrics metrics;

  Endpoint(String path, String method, Route route, ServeMetrics metrics) {
    this.path = path;
    this.method = method;
    this.route = route;
    this.metrics = metrics;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    Reply reply;
    try {
      reply = answer(exchange);
    } catch (RequestRejected e) {
      reply = Reply.error(e.status(), e.getMessage());
    } catch (RuntimeException | IOException e) {
      LOG.error("{} {} failed: {}", method, path, e.getMessage(), e);
      reply = Reply.error(500, "Internal error: " + e.getMessage());
    }
    try (exchange) {
      send(exchange, reply);
    } finally {
      metrics.record(path, reply.status(), System.nanoTime() - start);
    }
  }

  private Reply answer(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestURI().getPath().equals(path)) {
      return Reply.error(404, "No such endpoint " + exchange.getRequestURI().getPath()
          + "; try POST /predict, GET /model or GET /healthz");
    }
    if (!exchange.getRequestMethod().equals(method)) {
      exchange.getResponseHeaders().set("Allow", method);
      return Reply.error(405, path + " answers " + method + " only, got " + exchange.getRequestMethod());
    }
    return route.handle(exchange);
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    byte[] body = JsonCodec.write(reply.body());
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(reply.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
