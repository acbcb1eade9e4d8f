/**
 * Invariant-gradient training algorithms as hooks into the one per-environment gradient pipeline
 * (see {@link io.invstream.trainer.algorithm.InvariantAlgorithm}), their hyperparameter records
 * and the CLI registry.
 */
package io.invstream.trainer.algorithm;
