package io.invstream.trainer.session;

import io.invstream.schemas.EnvironmentMetrics;
import io.invstream.schemas.PairMetrics;
import io.invstream.schemas.TrainingMetrics;
import io.invstream.trainer.step.EnvironmentReport;
import io.invstream.trainer.step.Evaluation;
import io.invstream.trainer.step.GradientCosine;
import io.invstream.trainer.step.StepReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the published {@link TrainingMetrics} message of a step. */
public final class MetricsRecords {

  private MetricsRecords() {}

  /**
   * The metrics message of {@code step}. Consistency holds the trainer's diagnostics (agreement,
   * worst loss, loss variance, mean cosine), the algorithm's penalties and the update's norm.
   */
  public static TrainingMetrics of(SessionConfig config, SessionStep step, long stepNumber, long modelVersion, Instant now) {
    List<EnvironmentMetrics> environments = new ArrayList<>();
    Map<String, Double> consistency = new LinkedHashMap<>();
    List<PairMetrics> pairs = new ArrayList<>();
    StepReport report = step.report();
    if (report != null) {
      for (EnvironmentReport env : report.environments()) {
        environments.add(new EnvironmentMetrics(env.environment(), env.examples(), env.loss(), env.accuracy(), false));
      }
      report.consistency().forEach((name, value) -> consistency.put(name, value));
      report.penalties().forEach((name, value) -> consistency.put(name, value));
      consistency.put("gradientNorm", report.gradientNorm());
      for (GradientCosine cosine : report.cosines()) {
        pairs.add(new PairMetrics(cosine.first(), cosine.second(), cosine.cosine()));
      }
    }
    for (Evaluation evaluation : step.heldOut()) {
      environments.add(new EnvironmentMetrics(evaluation.environment(), evaluation.examples(), evaluation.loss(),
          evaluation.accuracy(), true));
    }
    return TrainingMetrics.newBuilder().setModelName(config.modelName()).setAlgorithm(config.algorithm())
        .setStep(stepNumber).setModelVersion(modelVersion).setBatchId(step.batchId()).setTimestamp(now)
        .setEnvironments(environments).setConsistency(finite(consistency)).setPairs(pairs).build();
  }

  /** NaN-valued diagnostics (e.g. a cosine with a zero gradient) are left out rather than published as NaN. */
  private static Map<String, Double> finite(Map<String, Double> values) {
    Map<String, Double> out = new LinkedHashMap<>();
    values.forEach((name, value) -> {
      if (value != null && Double.isFinite(value)) {
        out.put(name, value);
      }
    });
    return out;
  }
}
