package io.invstream.topology.balance;

import io.invstream.topology.metrics.BalancerMetrics;
import java.util.Collection;
import java.util.Map;

/**
 * A task's environment buffers and which of them are active: an environment joins (or rejoins) with
 * an example, and is retired once it has nothing buffered and sent nothing for the idle timeout, so
 * batches stop listing it as missing.
 */
final class TaskBuffers {

  private final Map<String, EnvironmentBuffer> environments;
  private final TaskStore store;
  private final BalancerMetrics metrics;

  /** Adopts the buffers restored from the store, re-laid for the configured capacities. */
  TaskBuffers(Map<String, EnvironmentBuffer> restored, TaskStore store, BalancerMetrics metrics) {
    this.environments = restored;
    this.store = store;
    this.metrics = metrics;
    for (EnvironmentBuffer environment : environments.values()) {
      store.adoptCapacity(environment);
      metrics.buffered(environment.name(), environment.buffered());
    }
    metrics.restored(environments.size());
  }

  /** The buffer of {@code name}, created or reactivated as needed. */
  EnvironmentBuffer join(String name) {
    EnvironmentBuffer environment = environments.get(name);
    if (environment == null) {
      environment = store.newEnvironment(name);
      environments.put(name, environment);
      metrics.joined(name);
    } else if (!environment.active()) {
      environment.setActive(true);
      metrics.joined(name);
    }
    return environment;
  }

  Collection<EnvironmentBuffer> all() {
    return environments.values();
  }

  /** Retires environments with nothing buffered that sent nothing for {@code idleMillis} (all of them when {@code everyEmpty}). */
  void retireIdle(long now, long idleMillis, boolean everyEmpty) {
    for (EnvironmentBuffer environment : environments.values()) {
      if (environment.active() && environment.buffered() == 0
          && (everyEmpty || Clocks.elapsed(environment.lastSeen(), now) >= idleMillis)) {
        environment.setActive(false);
        metrics.retired(environment.name());
      }
    }
  }

  /** Arrival of the oldest example held, or Long.MAX_VALUE when every buffer is empty. */
  long oldestArrival() {
    long oldest = Long.MAX_VALUE;
    for (EnvironmentBuffer environment : environments.values()) {
      oldest = Math.min(oldest, environment.oldestArrival());
    }
    return oldest;
  }

  int buffered() {
    int total = 0;
    for (EnvironmentBuffer environment : environments.values()) {
      total += environment.buffered();
    }
    return total;
  }

  /** Publishes each environment's newest event time to the lag gauge. */
  void publishLag() {
    environments.values().forEach(environment -> metrics.seen(environment.name(), environment.newestEventTime()));
  }

  /** The task closed: its buffers and active environments no longer count in this instance's gauges. */
  void release() {
    int active = 0;
    for (EnvironmentBuffer environment : environments.values()) {
      metrics.buffered(environment.name(), -environment.buffered());
      active += environment.active() ? 1 : 0;
    }
    metrics.released(active);
  }
}
