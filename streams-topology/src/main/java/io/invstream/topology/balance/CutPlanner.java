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

  /**
   * The batch to cut without waiting, if any: FULL when every active environment has filled every
   * bucket's quota; under {@link StarvationPolicy#PARTIAL} also PARTIAL when every environment that
   * has data has filled its quota, the environments with nothing buffered listed as missing.
   */
  Optional<CutPlan> ready(Collection<EnvironmentBuffer> environments) {
    boolean skipEmpty = config.policy() == StarvationPolicy.PARTIAL;
    List<String> names = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<CutPlan.Share> shares = new ArrayList<>();
    for (EnvironmentBuffer environment : environments) {
      if (!environment.active()) {
        continue;
      }
      if (skipEmpty && environment.buffered() == 0) {
        missing.add(environment.name());
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
    if (!enough(names)) {
      return Optional.empty();
    }
    return Optional.of(new CutPlan(missing.isEmpty() ? BatchReason.FULL : BatchReason.PARTIAL, names, missing, shares));
  }

  /**
   * The batch to cut once a batch is due (its maximum wait passed, or a full buffer must make room):
   * every environment contributes up to its quota of what it holds, topped up from its reservoir
   * under {@link StarvationPolicy#REPLAY}; an active environment with nothing to give is listed as
   * missing. Empty only when fewer than the minimum number of environments can contribute.
   */
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
      (own.isEmpty() ? missing : names).add(environment.name());
      shares.addAll(own);
    }
    if (!enough(names)) {
      return Optional.empty();
    }
    return Optional.of(new CutPlan(dueReason(replayed > 0, missing.isEmpty()), names, missing, shares));
  }

  /** REPLAY if anything was replayed; else TIMEOUT, or PARTIAL where that policy left an environment out. */
  private BatchReason dueReason(boolean replayed, boolean complete) {
    if (replayed) {
      return BatchReason.REPLAY;
    }
    return complete || config.policy() == StarvationPolicy.WAIT ? BatchReason.TIMEOUT : BatchReason.PARTIAL;
  }

  private boolean enough(List<String> names) {
    return !names.isEmpty() && names.size() >= config.minEnvironments();
  }
}
