package io.invstream.trainer.session;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-environment accuracy over the last {@code steps} observations, weighted by examples: the
 * prequential (test-then-train) accuracy when fed with accuracies measured before each update.
 */
public final class AccuracyWindow {

  private final int steps;
  private final Map<String, Deque<double[]>> observations = new TreeMap<>();

  public AccuracyWindow(int steps) {
    this.steps = steps;
  }

  /** Records {@code examples} examples of {@code environment} of which a fraction {@code accuracy} was right. */
  public void add(String environment, int examples, double accuracy) {
    if (examples <= 0 || !Double.isFinite(accuracy)) {
      return;
    }
    Deque<double[]> window = observations.computeIfAbsent(environment, e -> new ArrayDeque<>());
    window.addLast(new double[] {examples, accuracy * examples});
    if (window.size() > steps) {
      window.removeFirst();
    }
  }

  /** Windowed accuracy per environment, in name order. */
  public Map<String, Double> accuracies() {
    Map<String, Double> out = new LinkedHashMap<>();
    observations.forEach((environment, window) -> {
      double n = 0;
      double right = 0;
      for (double[] o : window) {
        n += o[0];
        right += o[1];
      }
      out.put(environment, right / n);
    });
    return out;
  }

  public void clear() {
    observations.clear();
  }
}
