package io.invstream.trainer.step;

import io.invstream.trainer.algorithm.EnvironmentOutputs;
import io.invstream.trainer.tensor.CrossEntropy;
import io.invstream.trainer.tensor.Tensor;

/** {@link EnvironmentOutputs} of one environment in the current step. */
final class EnvironmentView implements EnvironmentOutputs {

  private final StepContext step;
  private final int index;
  private final EnvironmentBatch batch;
  private final CrossEntropy loss;
  private final Tensor labels;
  private final Tensor weights;
  private final Tensor mask;
  private final Tensor probabilities;

  EnvironmentView(
      StepContext step, int index, EnvironmentBatch batch, CrossEntropy loss,
      Tensor labels, Tensor weights, Tensor mask, Tensor probabilities) {
    this.step = step;
    this.index = index;
    this.batch = batch;
    this.loss = loss;
    this.labels = labels;
    this.weights = weights;
    this.mask = mask;
    this.probabilities = probabilities;
  }

  @Override
  public String name() {
    return batch.environment();
  }

  @Override
  public int index() {
    return index;
  }

  @Override
  public int rows() {
    return batch.rows();
  }

  @Override
  public double weightSum() {
    return loss.weightSum();
  }

  @Override
  public double loss() {
    return loss.loss();
  }

  @Override
  public int correct() {
    return loss.correct();
  }

  @Override
  public Tensor input() {
    return step.tape().input(index);
  }

  @Override
  public Tensor labels() {
    return labels;
  }

  @Override
  public Tensor weights() {
    return weights;
  }

  @Override
  public Tensor annotationMask() {
    return mask;
  }

  @Override
  public Tensor logits() {
    return step.tape().logits(index);
  }

  @Override
  public Tensor probabilities() {
    return probabilities;
  }

  @Override
  public Tensor features() {
    return step.tape().features(index);
  }

  @Override
  public Tensor logitGradient() {
    return step.tape().logitGradient(index);
  }

  @Override
  public Tensor featureGradient() {
    step.enableFeatureGradient();
    return step.tape().featureGradient(index);
  }
}
