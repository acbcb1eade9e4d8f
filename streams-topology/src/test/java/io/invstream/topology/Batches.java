package io.invstream.topology;

import io.invstream.schemas.BalancedBatch;
import io.invstream.schemas.Example;
import java.util.ArrayList;
import java.util.List;

/** Reads batches in tests: ids of fresh or replayed examples, per environment. */
final class Batches {

  private Batches() {}

  static List<String> fresh(BalancedBatch batch) {
    return ids(batch, false);
  }

  static List<String> replayed(BalancedBatch batch) {
    return ids(batch, true);
  }

  private static List<String> ids(BalancedBatch batch, boolean replayed) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < batch.getExamples().size(); i++) {
      if (batch.getReplayed().get(i) == replayed) {
        Example example = batch.getExamples().get(i);
        ids.add(example.getEnvironment() + "/" + example.getId());
      }
    }
    return ids;
  }
}
