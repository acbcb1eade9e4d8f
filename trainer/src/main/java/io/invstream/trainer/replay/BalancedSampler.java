package io.invstream.trainer.replay;

import io.invstream.schemas.Example;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The examples of each replay step: {@code k} from every training environment, as the Kafka
 * balancer emits them, or every example of every environment when {@code k = 0} (full-batch
 * training, as the IRM and Fishr Colored-MNIST scripts do).
 *
 * <p>Each environment is read in a seeded random order without replacement; when its examples run
 * out a new order is drawn, so small environments cycle faster than large ones and every example
 * of an environment is seen once before any is seen twice. Deterministic given the random
 * generator.
 */
public final class BalancedSampler {

  private final Map<String, Cursor> cursors = new LinkedHashMap<>();
  private final int k;

  /**
   * @param environments training examples per environment, in batch order
   * @param k examples per environment per step; 0 = all of them
   * @param random draws every order, one {@code split()} per environment
   */
  public BalancedSampler(Map<String, List<Example>> environments, int k, SplittableRandom random) {
    if (k < 0) {
      throw new IllegalArgumentException("k (examples per environment per step) must be >= 0, got " + k);
    }
    this.k = k;
    environments.forEach((name, examples) -> cursors.put(name, new Cursor(examples, random.split())));
  }

  /** The next step's examples, environment by environment. */
  public List<Example> next() {
    List<Example> batch = new ArrayList<>();
    for (Cursor cursor : cursors.values()) {
      cursor.take(k == 0 ? cursor.examples.size() : k, batch);
    }
    return batch;
  }

  /**
   * Steps in one pass over an environment of {@code largest} examples at {@code k} per step (the
   * largest training environment sets the pace of an epoch); with {@code k = 0} a pass is one step.
   */
  public static int stepsPerEpoch(int largest, int k) {
    return k == 0 ? 1 : Math.max(1, (largest + k - 1) / k);
  }

  /** One environment's examples in a reshuffled-per-pass order. */
  private static final class Cursor {

    private final List<Example> examples;
    private final SplittableRandom random;
    private int[] order;
    private int next;

    Cursor(List<Example> examples, SplittableRandom random) {
      this.examples = examples;
      this.random = random;
      this.order = Permutations.shuffled(examples.size(), random);
    }

    void take(int count, List<Example> into) {
      for (int i = 0; i < count; i++) {
        if (next == order.length) {
          order = Permutations.shuffled(examples.size(), random);
          next = 0;
        }
        into.add(examples.get(order[next++]));
      }
    }
  }
}
