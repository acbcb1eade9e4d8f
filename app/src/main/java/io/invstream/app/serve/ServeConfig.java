package io.invstream.app.serve;

import java.time.Duration;

/**
 * How {@code invstream serve} serves.
 *
 * @param host address to bind; loopback by default since the endpoint has no authentication
 * @param port TCP port, 0 for a free one
 * @param modelName the model to serve
 * @param maxRequestBytes larger request bodies are refused with 413
 * @param maxInstances most examples in one request
 * @param threads HTTP worker threads
 * @param startupTimeout longest the models topic may take to read to its end at start
 */
record ServeConfig(String host, int port, String modelName, int maxRequestBytes, int maxInstances, int threads,
    Duration startupTimeout) {

  ServeConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--http-port must be within 0..65535, got " + port);
    }
    if (modelName == null || modelName.isBlank()) {
      throw new IllegalArgumentException("--model-name must not be empty");
    }
    if (maxRequestBytes < 64) {
      throw new IllegalArgumentException("--max-request-bytes must be at least 64, got " + maxRequestBytes);
    }
    if (maxInstances < 1 || threads < 1) {
      throw new IllegalArgumentException("--max-instances and --http-threads must be at least 1");
    }
  }
}
