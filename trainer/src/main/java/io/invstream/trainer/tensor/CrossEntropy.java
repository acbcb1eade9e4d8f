package io.invstream.trainer.tensor;

/**
 * Host-side summary of one fused softmax cross-entropy kernel call over a block of rows.
 *
 * @param loss weighted mean cross-entropy {@code Σ w_n CE_n / Σ w_n} (natural log)
 * @param weightSum {@code Σ w_n}; the number of rows when the call had no weights
 * @param correct rows whose arg-max logit (first one on ties) equals the label
 */
public record CrossEntropy(double loss, double weightSum, int correct) {}
