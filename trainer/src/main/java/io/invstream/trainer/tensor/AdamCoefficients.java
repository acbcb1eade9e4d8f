package io.invstream.trainer.tensor;

/**
 * Scalars of one fused Adam update, with the bias corrections of step t already evaluated on the
 * host so that a kernel needs no step counter.
 *
 * @param learningRate α
 * @param beta1 decay of the first moment
 * @param beta2 decay of the second moment
 * @param epsilon added to the bias-corrected root of the second moment
 * @param weightDecay coupled L2 coefficient added to the gradient ({@code g + wd·θ})
 * @param biasCorrection1 {@code 1 − β1^t}
 * @param biasCorrection2 {@code 1 − β2^t}
 */
public record AdamCoefficients(
    float learningRate,
    float beta1,
    float beta2,
    float epsilon,
    float weightDecay,
    double biasCorrection1,
    double biasCorrection2) {}
