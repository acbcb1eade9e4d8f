package io.invstream.trainer.step;

/**
 * Cosine similarity of two environments' full parameter gradients in one step; NaN if either is
 * zero.
 */
public record GradientCosine(String first, String second, double cosine) {}
