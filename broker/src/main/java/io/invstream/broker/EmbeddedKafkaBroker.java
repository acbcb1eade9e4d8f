package io.invstream.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka broker in KRaft combined mode (broker and controller in one process), started
 * in this JVM from the Kafka jars on the classpath: no Docker, no ZooKeeper.
 *
 * <p>Ports and data directory are fixed at the first start, so {@link #restart()} brings the same
 * broker back with its data: what fault tests need. Replication factors are 1 and the transaction
 * log's min ISR is 1, otherwise consumer groups and exactly-once never come up on one node.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private final BrokerSettings settings;
  private final int port;
  private final int controllerPort;
  private final Path dataDirectory;
  private final boolean temporary;
  private final String clusterId = Uuid.randomUuid().toString();
  private KafkaRaftServer server;

  private EmbeddedKafkaBroker(BrokerSettings settings) {
    this.settings = settings;
    this.port = settings.port() == 0 ? freePort(settings.host()) : settings.port();
    this.controllerPort = settings.controllerPort() == 0 ? freePort(settings.host()) : settings.controllerPort();
    this.temporary = settings.dataDirectory() == null;
    try {
      this.dataDirectory = temporary ? Files.createTempDirectory("invstream-broker-") : settings.dataDirectory();
      Files.createDirectories(dataDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the broker's data directory", e);
    }
  }

  /** Formats storage if needed and starts the broker; returns once it accepts connections. */
  public static EmbeddedKafkaBroker start(BrokerSettings settings) {
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(settings);
    broker.startServer();
    return broker;
  }

  /** {@code host:port} for clients' {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return settings.host() + ":" + port;
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  public boolean isRunning() {
    return server != null;
  }

  /** Stops the broker, keeping its data, ports and cluster id for {@link #restart()}. */
  public synchronized void stop() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }

  /** Starts a stopped broker again on the same ports and data. */
  public synchronized void restart() {
    stop();
    startServer();
  }

  @Override
  public synchronized void close() {
    stop();
    if (temporary) {
      deleteRecursively(dataDirectory);
    }
  }

  private synchronized void startServer() {
    Properties properties = brokerProperties();
    Path logDir = dataDirectory.resolve("log");
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format(properties);
    }
    KafkaRaftServer started = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
    started.startup();
    server = started;
  }

  private Properties brokerProperties() {
    String host = settings.host();
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
    p.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dataDirectory.resolve("log").toString());
    p.put("num.partitions", "1");
    p.put("auto.create.topics.enable", "false");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("log.cleaner.backoff.ms", "1000");
    p.putAll(settings.overrides());
    return p;
  }

  private void format(Properties properties) {
    Path config = dataDirectory.resolve("server.properties");
    try (Writer writer = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
      properties.store(writer, "invstream embedded broker");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + config, e);
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int code = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted"},
        new PrintStream(output, true, StandardCharsets.UTF_8));
    if (code != 0) {
      throw new IllegalStateException("Formatting the broker's storage in " + dataDirectory + " failed (exit " + code
          + "): " + output.toString(StandardCharsets.UTF_8));
    }
  }

  private static int freePort(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on " + host, e);
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove " + root, e);
    }
  }
}
