package io.invstream.topology.balance;

import io.invstream.core.topic.Topics;
import io.invstream.schemas.BalancedBatch;
import io.invstream.schemas.Example;
import io.invstream.schemas.SourceRange;
import io.invstream.topology.reservoir.ReplayDraw;
import io.invstream.topology.reservoir.ReservoirSampling;
import io.invstream.topology.state.BufferedExample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Carries out a {@link CutPlan}: takes the fresh examples from their buckets, draws the replayed
 * ones from the reservoirs, and builds the {@link BalancedBatch} with its provenance.
 */
final class BatchAssembler {

  private final Topics topics;
  private final ReservoirSampling reservoir;
  private final ReplayDraw draw;

  BatchAssembler(Topics topics, ReservoirSampling reservoir, ReplayDraw draw) {
    this.topics = topics;
    this.reservoir = reservoir;
    this.draw = draw;
  }

  AssembledBatch assemble(CutPlan plan, String batchId, long batchSequence, Instant createdAt, ReservoirReader reader) {
    List<Example> examples = new ArrayList<>();
    List<Boolean> replayedFlags = new ArrayList<>();
    List<Bucket> consumed = new ArrayList<>();
    Map<String, Integer> fresh = new TreeMap<>();
    Map<String, Integer> replayed = new TreeMap<>();
    Map<String, SourceRange> sources = new TreeMap<>();
    for (CutPlan.Share share : plan.shares()) {
      Bucket bucket = share.bucket();
      String environment = bucket.key().environment();
      if (share.fresh() > 0) {
        consumed.add(bucket);
        for (BufferedExample taken : bucket.take(share.fresh())) {
          examples.add(taken.example());
          replayedFlags.add(false);
          widen(sources, environment, taken);
        }
        fresh.merge(environment, share.fresh(), Integer::sum);
      }
      if (share.replay() > 0) {
        int filled = reservoir.filled(bucket.seen());
        for (int index : draw.draw(bucket.key().fingerprint(), batchSequence, filled, share.replay())) {
          examples.add(reader.read(bucket.key(), index));
          replayedFlags.add(true);
        }
        replayed.merge(environment, share.replay(), Integer::sum);
      }
    }
    BalancedBatch batch = BalancedBatch.newBuilder().setBatchId(batchId).setCreatedAt(createdAt).setReason(plan.reason())
        .setEnvironments(plan.environments()).setMissingEnvironments(plan.missing()).setExamples(examples)
        .setReplayed(replayedFlags).setSources(new ArrayList<>(sources.values())).build();
    return new AssembledBatch(batch, consumed, fresh, replayed);
  }

  /** Widens the environment's offset range; one environment topic partition per task, so one range each. */
  private void widen(Map<String, SourceRange> sources, String environment, BufferedExample taken) {
    SourceRange range = sources.get(environment);
    if (range == null) {
      sources.put(environment, new SourceRange(topics.environmentTopicName(environment), taken.partition(),
          taken.offset(), taken.offset()));
    } else {
      range.setFirstOffset(Math.min(range.getFirstOffset(), taken.offset()));
      range.setLastOffset(Math.max(range.getLastOffset(), taken.offset()));
    }
  }
}
