package io.invstream.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Resolves {@link KafkaCluster} parameters; the shared cluster lives until the test JVM ends. */
public final class KafkaClusterExtension implements ParameterResolver {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaClusterExtension.class);
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaClusterExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KafkaCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    RealKafka annotation = context.getRequiredTestClass().getAnnotation(RealKafka.class);
    boolean dedicated = annotation != null && annotation.dedicated();
    if (dedicated) {
      ExtensionContext classContext = classContext(context);
      return classContext.getStore(NAMESPACE).getOrComputeIfAbsent("dedicated", key -> new Closing(new EmbeddedCluster()), Closing.class).cluster;
    }
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("shared", key -> new Closing(startShared()), Closing.class).cluster;
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  private static KafkaCluster startShared() {
    String forced = System.getProperty("invstream.test.kafka", "auto");
    boolean container = switch (forced) {
      case "container" -> true;
      case "embedded" -> false;
      default -> DockerProbe.dockerAvailable();
    };
    KafkaCluster cluster = container ? new ContainerCluster() : new EmbeddedCluster();
    LOG.info("Integration tests run against a {} Kafka broker at {}", cluster.kind(), cluster.bootstrapServers());
    return cluster;
  }

  /** Closes the cluster when JUnit closes the store that holds it. */
  private record Closing(KafkaCluster cluster) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() throws Exception {
      ((AutoCloseable) cluster).close();
    }
  }
}
