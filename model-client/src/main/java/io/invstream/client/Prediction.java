package io.invstream.client;

import java.util.Arrays;

/**
 * The model's answer for one example.
 *
 * @param label the most probable class (the first one on ties)
 * @param probabilities softmax probability of each class
 */
public record Prediction(int label, float[] probabilities) {

  /** Copies the probabilities. */
  public Prediction {
    probabilities = probabilities.clone();
  }

  /** A copy of the class probabilities, in class order. */
  @Override
  public float[] probabilities() {
    return probabilities.clone();
  }

  /** Probability of class {@code k}. */
  public float probability(int k) {
    return probabilities[k];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Prediction p && p.label == label && Arrays.equals(p.probabilities, probabilities);
  }

  @Override
  public int hashCode() {
    return 31 * label + Arrays.hashCode(probabilities);
  }

  @Override
  public String toString() {
    return "Prediction[label=" + label + ", probabilities=" + Arrays.toString(probabilities) + "]";
  }
}
