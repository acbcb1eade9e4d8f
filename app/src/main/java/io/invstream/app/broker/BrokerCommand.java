package io.invstream.app.broker;

import io.invstream.broker.BrokerSettings;
import io.invstream.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs a single-node KRaft broker in this process until Ctrl-C. */
@Command(name = "broker", mixinStandardHelpOptions = true,
    description = "Run a single-node KRaft Kafka broker in-process (no Docker, no ZooKeeper) until Ctrl-C.")
public final class BrokerCommand implements Callable<Integer> {

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind and advertise (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "9092", description = "Client port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--controller-port", defaultValue = "0", description = "KRaft controller port; 0 picks a free one.")
  int controllerPort;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data/broker",
      description = "Where the broker keeps its log; kept across restarts (default: ${DEFAULT-VALUE}).")
  Path dataDirectory;

  @Override
  public Integer call() throws InterruptedException {
    BrokerSettings settings = new BrokerSettings(host, port, controllerPort, dataDirectory.toAbsolutePath(), Map.of());
    CountDownLatch stopped = new CountDownLatch(1);
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(settings)) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        broker.stop();
        stopped.countDown();
      }, "broker-shutdown"));
      System.out.println("Kafka broker (KRaft) listening on " + broker.bootstrapServers() + ", data in " + broker.dataDirectory()
          + ". Ctrl-C stops it.");
      stopped.await();
    }
    return 0;
  }
}
