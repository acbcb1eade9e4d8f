package io.invstream.trainer.step;

import io.invstream.trainer.algorithm.ForwardPhase;
import io.invstream.trainer.param.GradientStack;
import io.invstream.trainer.param.ParameterLayout;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-step invariance diagnostics from the per-environment gradients: sign agreement (one pass
 * per tensor) and the Gram matrix of environment gradients, fused into one kernel pass per
 * parameter tensor, so their cost is a small fraction of the backward pass.
 */
final class ConsistencyMeter {

  /** The measured values; {@code finite} is false if any environment gradient is NaN/Inf. */
  record Consistency(Map<String, Double> values, List<GradientCosine> cosines, boolean finite) {}

  private final TensorBackend backend;

  ConsistencyMeter(TensorBackend backend) {
    this.backend = backend;
  }

  /** Loss statistics only: no pass over the gradients. */
  Consistency lossesOnly(ForwardPhase step) {
    Map<String, Double> values = new LinkedHashMap<>();
    addLossStatistics(step, values);
    return new Consistency(values, List.of(), true);
  }

  Consistency measure(ForwardPhase step, GradientStack gradients) {
    ParameterLayout layout = gradients.layout();
    int e = gradients.environments();
    Map<String, Double> values = new LinkedHashMap<>();
    double[] gram = new double[e * e];
    long agreeing = 0;
    for (int p = 0; p < layout.count(); p++) {
      long a = backend.gradientConsistency(gradients.stacked(p), gram);
      agreeing += a;
      values.put("agreement/" + layout.spec(p).name(), (double) a / layout.spec(p).shape().size());
    }
    values.put("agreement", (double) agreeing / layout.totalSize());
    addLossStatistics(step, values);
    boolean finite = true;
    for (int i = 0; i < e; i++) {
      finite &= Double.isFinite(gram[i * e + i]);
    }
    List<GradientCosine> cosines = new ArrayList<>();
    double cosineSum = 0;
    for (int i = 0; i < e; i++) {
      for (int j = i + 1; j < e; j++) {
        double c = gram[i * e + j] / Math.sqrt(gram[i * e + i] * gram[j * e + j]);
        cosines.add(new GradientCosine(step.environment(i).name(), step.environment(j).name(), c));
        cosineSum += c;
      }
    }
    if (!cosines.isEmpty()) {
      values.put("meanCosine", cosineSum / cosines.size());
    }
    return new Consistency(values, cosines, finite);
  }

  private static void addLossStatistics(ForwardPhase step, Map<String, Double> values) {
    int e = step.environments();
    double worst = Double.NEGATIVE_INFINITY;
    double mean = 0;
    for (int i = 0; i < e; i++) {
      worst = Math.max(worst, step.environment(i).loss());
      mean += step.environment(i).loss() / e;
    }
    double variance = 0;
    for (int i = 0; i < e; i++) {
      variance += Math.pow(step.environment(i).loss() - mean, 2) / e;
    }
    values.put("worstLoss", worst);
    values.put("lossVariance", variance);
  }
}
