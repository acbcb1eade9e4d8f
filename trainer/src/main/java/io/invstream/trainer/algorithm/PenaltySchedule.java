package io.invstream.trainer.algorithm;

/**
 * The penalty weight of an annealed algorithm (IRM, V-REx, Fishr) as a function of the number of
 * updates already applied, as DomainBed schedules it: {@code before} for the first {@code
 * annealIters} updates, {@code after} from then on. The update that first uses {@code after}
 * also resets the optimiser, because Adam's moments were tuned to gradients that were orders of
 * magnitude smaller; with {@code annealIters = 0} there is nothing to forget and no reset.
 *
 * @param before weight while {@code updateCount < annealIters}
 * @param after weight from {@code updateCount == annealIters} on
 * @param annealIters number of updates with the weight {@code before}, non-negative
 */
public record PenaltySchedule(double before, double after, long annealIters) {

  /** Validates the iteration count. */
  public PenaltySchedule {
    if (annealIters < 0) {
      throw new IllegalArgumentException("penalty anneal iterations must be non-negative, got " + annealIters);
    }
  }

  /** Penalty weight for the update that follows {@code updateCount} applied ones. */
  public double weight(long updateCount) {
    return updateCount < annealIters ? before : after;
  }

  /** Whether the update after {@code updateCount} applied ones is the first with the new weight. */
  public boolean switchesAt(long updateCount) {
    return annealIters > 0 && updateCount == annealIters;
  }

  /**
   * Weight for this step, asking the trainer for an optimiser reset when this step is the switch.
   * A rejected (non-finite) step is not applied, so the same update count comes again and the
   * reset is requested again: it takes effect exactly once.
   */
  double weightFor(ForwardPhase step) {
    if (switchesAt(step.updateCount())) {
      step.resetOptimizer();
    }
    return weight(step.updateCount());
  }
}
