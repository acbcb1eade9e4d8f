package io.invstream.trainer.step;

/**
 * Loss and accuracy of the current model on one environment's examples, without training.
 *
 * @param loss weighted mean cross-entropy
 * @param accuracy fraction of examples whose arg-max class is the label
 */
public record Evaluation(String environment, int examples, double loss, double accuracy) {}
