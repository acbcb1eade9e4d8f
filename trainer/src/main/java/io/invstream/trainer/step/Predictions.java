package io.invstream.trainer.step;

/**
 * Class probabilities for a block of examples.
 *
 * @param rows examples
 * @param classes classes per example
 * @param probabilities {@code rows × classes}, row-major softmax outputs
 * @param predicted arg-max class per example (first on ties)
 */
public record Predictions(int rows, int classes, float[] probabilities, int[] predicted) {

  /** Copies the arrays. */
  public Predictions {
    probabilities = probabilities.clone();
    predicted = predicted.clone();
  }

  @Override
  public float[] probabilities() {
    return probabilities.clone();
  }

  @Override
  public int[] predicted() {
    return predicted.clone();
  }

  /** Probability of class {@code k} for example {@code row}. */
  public float probability(int row, int k) {
    return probabilities[row * classes + k];
  }
}
