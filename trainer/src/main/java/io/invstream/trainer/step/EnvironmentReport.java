package io.invstream.trainer.step;

/**
 * One environment's result in a step, measured on the parameters before the update.
 *
 * @param loss weighted mean cross-entropy
 * @param accuracy fraction of examples whose arg-max class is the label
 */
public record EnvironmentReport(String environment, int examples, double loss, double accuracy) {}
