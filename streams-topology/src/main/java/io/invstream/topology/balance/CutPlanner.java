package io.invstream.topology.balance;

import io.invstream.schemas.BatchReason;
import io.invstream.topology.BalancerConfig;
import io.invstream.topology.StarvationPolicy;
import io.invstream.topology.reservoir.ReservoirSampling;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a batch can be cut and what it holds. Pure: it reads the buffers and changes
 * nothing, so each policy can be tested on its own.
 */
final class CutPlanner {

  private final BalancerConfig config;
  private final ReservoirSampling reservoir;

  CutPlanner(BalancerConfig config, ReservoirSampling reservoir) {
    this.config = config;
    this.reservoir = reservoir;
  }

  /** A FULL batch, if every active environment has filled every bucket's quota. */
  Optional<CutPlan> full(Collection<EnvironmentBuffer> environments) {
    List<String> names = new ArrayList<>();
    List<CutPlan.Share> shares = new ArrayList<>();
    for (EnvironmentBuffer environment : environments) {
      if (!environment.active()) {
        continue;
      }
      for (Bucket bucket : environment.buckets()) {
        int quota = config.bucketQuota(environment.name(), bucket.key().bucket());
        if (bucket.size() < quota) {
          return Optional.empty();
        }
        shares.add(new CutPlan.Share(bucket, quota, 0));
      }
      names.add(environment.name());
    }
    if (names.isEmpty() || names.size() < config.minEnvironments()) {
      return Optional.empty();
    }
    return Optional.of(new CutPlan(BatchReason.FULL, names, List.of(), shares));
  }

  /** The batch the policy allows once a batch is due, if any. */
  Optional<CutPlan> due(Collection<EnvironmentBuffer> environments) {
    boolean replay = config.policy() == StarvationPolicy.REPLAY;
    List<String> names = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<CutPlan.Share> shares = new ArrayList<>();
    int replayed = 0;
    for (EnvironmentBuffer environment : environments) {
      if (!environment.active()) {
        continue;
      }
      List<CutPlan.Share> own = new ArrayList<>();
      for (Bucket bucket : environment.buckets()) {
        int quota = config.bucketQuota(environment.name(), bucket.key().bucket());
        int fresh = Math.min(bucket.size(), quota);
        int topUp = replay && reservoir.filled(bucket.seen()) > 0 ? quota - fresh : 0;
        if (fresh + topUp > 0) {
          own.add(new CutPlan.Share(bucket, fresh, topUp));
          replayed += topUp;
        }
      }
      if (own.isEmpty()) {
        missing.add(environment.name());
      } else {
        names.add(environment.name());
        shares.addAll(own);
      }
    }
    if (names.isEmpty() || names.size() < config.minEnvironments()
        || (config.policy() == StarvationPolicy.WAIT && !missing.isEmpty())) {
      return Optional.empty();
    }
    BatchReason reason = replayed > 0 ? BatchReason.REPLAY : missing.isEmpty() ? BatchReason.TIMEOUT : BatchReason.PARTIAL;
    return Optional.of(new CutPlan(reason, names, missing, shares));
  }
}
