package io.invstream.testing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;

/**
 * Asks whether a Docker engine answers, with a time limit: the probe can block for minutes when
 * {@code DOCKER_HOST} points at something that never replies.
 */
final class DockerProbe {

  private DockerProbe() {}

  static boolean dockerAvailable() {
    CompletableFuture<Boolean> probe = CompletableFuture.supplyAsync(() -> {
      try {
        return DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException e) {
        return false;
      }
    });
    try {
      return probe.get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      probe.cancel(true);
      return false;
    }
  }
}
