package io.invstream.broker;

import java.nio.file.Path;
import java.util.Map;

/**
 * How to run the embedded broker.
 *
 * @param host address to bind and advertise; 127.0.0.1 keeps the broker off the network
 * @param port client port, 0 for a free one
 * @param controllerPort KRaft controller port, 0 for a free one
 * @param dataDirectory where the log and metadata live; null for a temporary directory removed on close
 * @param overrides broker properties that replace the defaults
 */
public record BrokerSettings(String host, int port, int controllerPort, Path dataDirectory, Map<String, String> overrides) {

  public BrokerSettings {
    overrides = Map.copyOf(overrides);
    if (port < 0 || port > 65535 || controllerPort < 0 || controllerPort > 65535) {
      throw new IllegalArgumentException("Ports must be within 0..65535, got " + port + " and " + controllerPort);
    }
  }

  /** A broker on free ports of 127.0.0.1 with a temporary data directory: what tests want. */
  public static BrokerSettings ephemeral() {
    return new BrokerSettings("127.0.0.1", 0, 0, null, Map.of());
  }

  public BrokerSettings withPort(int newPort) {
    return new BrokerSettings(host, newPort, controllerPort, dataDirectory, overrides);
  }

  public BrokerSettings withDataDirectory(Path directory) {
    return new BrokerSettings(host, port, controllerPort, directory, overrides);
  }

  public BrokerSettings withOverrides(Map<String, String> more) {
    java.util.Map<String, String> merged = new java.util.HashMap<>(overrides);
    merged.putAll(more);
    return new BrokerSettings(host, port, controllerPort, dataDirectory, merged);
  }
}
