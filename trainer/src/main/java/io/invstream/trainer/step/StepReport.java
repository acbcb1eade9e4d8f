package io.invstream.trainer.step;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Outcome of one training step.
 *
 * @param step 1-based number of this call to {@link Trainer#step}
 * @param updates updates applied so far, this one included when applied
 * @param applied whether the parameters changed
 * @param nonFinite a loss or the combined update was NaN or infinite; nothing was applied
 * @param environments per-environment loss and accuracy before the update, batch order
 * @param gradientNorm global L2 norm of the combined update before clipping
 * @param consistency cheap invariance diagnostics: {@code agreement} (fraction of parameter
 *     entries whose environment gradients all share one non-zero sign: AND-mask's kept fraction
 *     at τ = 1), {@code agreement/<tensor>}, {@code worstLoss}, {@code lossVariance} (biased
 *     variance of the environment losses, the V-REx penalty), {@code meanCosine}
 * @param penalties scalars reported by the algorithm, names prefixed by its CLI name
 * @param cosines cosine similarity of every pair of environment gradients
 */
public record StepReport(
    long step,
    long updates,
    boolean applied,
    boolean nonFinite,
    List<EnvironmentReport> environments,
    double gradientNorm,
    Map<String, Double> consistency,
    Map<String, Double> penalties,
    List<GradientCosine> cosines) {

  /** Copies the collections, keeping the maps' iteration order (stable when serialised). */
  public StepReport {
    environments = List.copyOf(environments);
    consistency = Collections.unmodifiableMap(new LinkedHashMap<>(consistency));
    penalties = Collections.unmodifiableMap(new LinkedHashMap<>(penalties));
    cosines = List.copyOf(cosines);
  }

  /** Mean loss over environments. */
  public double meanLoss() {
    return environments.stream().mapToDouble(EnvironmentReport::loss).average().orElse(Double.NaN);
  }
}
