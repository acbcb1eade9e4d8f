package io.invstream.topology.it;

import io.invstream.topology.BalancerConfig;
import io.invstream.topology.BalancerService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** A balancer in a JVM of its own, so a test can kill it with SIGKILL mid-transaction. */
public final class BalancerProcess {

  private BalancerProcess() {}

  /** Arguments: bootstrap servers, topic prefix, application id, state directory. */
  public static void main(String[] args) throws InterruptedException {
    BalancerConfig config = RestartScenario.config(args[1], args[2], java.nio.file.Path.of(args[3]));
    BalancerService service = BalancerService.start(RestartScenario.settings(args[0]), config, new SimpleMeterRegistry());
    System.out.println("balancer started");
    service.awaitStopped();
  }
}
