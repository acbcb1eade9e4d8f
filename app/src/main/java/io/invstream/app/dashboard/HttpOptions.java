package io.invstream.app.dashboard;

import picocli.CommandLine.Option;

/** Where the live page and {@code /metrics} are served. */
public final class HttpOptions {

  @Option(names = "--http-host", defaultValue = "127.0.0.1",
      description = "Address of the live page and /metrics; loopback by default since they have no authentication (default: ${DEFAULT-VALUE}).")
  public String host;

  @Option(names = "--http-port", defaultValue = "8080", description = "Port of the live page and /metrics; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  public int port;
}
