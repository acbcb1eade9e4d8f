package io.invstream.trainer.reference;

import io.invstream.trainer.model.ModelSpec;
import io.invstream.trainer.param.SavedState;
import io.invstream.trainer.step.TrainingBatch;
import java.util.List;
import java.util.Map;

/**
 * An algorithm's expected behaviour on a small fixed model and batch, computed in float64 by a
 * PyTorch script from the published formulas (format: {@code src/test/python/README.md}; loaded by
 * {@link ReferenceFixtures}).
 *
 * @param name file name without {@code .json}
 * @param algorithm the registry's CLI name
 * @param hyperparameters {@code --hp} overrides, as strings
 * @param model the architecture the parameters belong to
 * @param initialState algorithm state to import before the first step, or {@code null}
 * @param steps consecutive trainer steps; algorithm state carries over, parameters do not
 */
public record ReferenceFixture(
    String name,
    String algorithm,
    String description,
    Map<String, String> hyperparameters,
    ModelSpec model,
    SavedState initialState,
    List<Step> steps) {

  /**
   * One step: parameters to load, the batch, and what the algorithm must produce.
   *
   * @param updateCount updates applied before this step (drives anneals and DANN's alternation)
   */
  public record Step(
      long updateCount, List<ReferenceTensor> parameters, List<ReferenceEnvironment> environments, Expected expected) {

    /** The step's environments as one training batch. */
    public TrainingBatch batch() {
      return new TrainingBatch(environments.stream().map(ReferenceEnvironment::toBatch).toList());
    }
  }

  /**
   * @param updateKind {@code GRADIENT} or {@code PARAMETER_DELTA}
   * @param update the combined update in parameter layout order (what the combine hook writes)
   * @param losses per-environment mean cross-entropy before the update
   * @param penalties the scalars the algorithm reports ({@code irm.penalty}, …)
   * @param state algorithm state tensors after the step, by their export names (may be a subset)
   */
  public record Expected(
      String updateKind,
      List<ReferenceTensor> update,
      double[] losses,
      Map<String, Double> penalties,
      List<ReferenceTensor> state) {}
}
