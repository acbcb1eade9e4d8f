package io.invstream.trainer.algorithm;

/** How the trainer applies the block an algorithm's combine hook wrote. */
public enum UpdateKind {
  /** A gradient: clipped, then handed to the optimiser (weight decay and all). */
  GRADIENT,
  /** A parameter change applied as {@code θ ← θ + Δ}, bypassing the optimiser (Fish's meta step). */
  PARAMETER_DELTA
}
