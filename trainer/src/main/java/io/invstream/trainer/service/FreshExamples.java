package io.invstream.trainer.service;

import io.invstream.schemas.BalancedBatch;
import io.invstream.schemas.Example;
import java.util.ArrayList;
import java.util.List;

/**
 * The examples of a batch that the balancer consumed fresh, for the drift monitor: replayed ones
 * (policy REPLAY) are copies of earlier examples from a small reservoir, and counting them again
 * would make the current windows look like the reservoir rather than the stream.
 */
final class FreshExamples {

  private FreshExamples() {}

  static List<Example> of(BalancedBatch batch) {
    List<Example> examples = batch.getExamples();
    List<Boolean> replayed = batch.getReplayed();
    if (!replayed.contains(Boolean.TRUE)) {
      return examples;
    }
    List<Example> fresh = new ArrayList<>(examples.size());
    for (int i = 0; i < examples.size(); i++) {
      if (i >= replayed.size() || !replayed.get(i)) {
        fresh.add(examples.get(i));
      }
    }
    return fresh;
  }
}
