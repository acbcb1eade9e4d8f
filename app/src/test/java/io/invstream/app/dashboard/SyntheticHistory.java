package io.invstream.app.dashboard;

import io.invstream.schemas.DriftDetector;
import io.invstream.schemas.DriftEvent;
import io.invstream.schemas.DriftSeverity;
import io.invstream.schemas.EnvironmentMetrics;
import io.invstream.schemas.PairMetrics;
import io.invstream.schemas.TrainingMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A plausible run for the page tests: four training environments and a held-out one learn over
 * {@link #STEPS} steps, a model is published every 50 steps, and {@code env-01} shifts at step
 * {@link #SHIFT}, raising drift events.
 */
final class SyntheticHistory {

  static final int STEPS = 300;
  static final int SHIFT = 200;
  static final long MODEL_VERSION = STEPS / 50;
  static final List<String> TRAINING = List.of("env-00", "env-01", "env-02", "env-03");

  private SyntheticHistory() {}

  static TrainingHistory fed() {
    TrainingHistory history = new TrainingHistory();
    SplittableRandom random = new SplittableRandom(7);
    for (int step = 1; step <= STEPS; step++) {
      double learnt = 1 - Math.exp(-step / 60.0);
      List<EnvironmentMetrics> environments = new ArrayList<>();
      for (String env : TRAINING) {
        double setback = env.equals("env-01") && step > SHIFT ? 0.35 * Math.exp(-(step - SHIFT) / 40.0) : 0;
        double accuracy = Math.min(1, 0.5 + 0.48 * learnt - setback + 0.02 * random.nextGaussian());
        environments.add(new EnvironmentMetrics(env, 64, 0.7 * (1 - learnt) + 2 * setback + 0.03 + 0.02 * random.nextDouble(),
            accuracy, false));
      }
      environments.add(new EnvironmentMetrics("test-00", 64, 0.7 * (1 - 0.9 * learnt) + 0.05, 0.5 + 0.45 * learnt, true));
      Map<String, Double> consistency = new LinkedHashMap<>();
      consistency.put("agreement", 0.2 + 0.5 * learnt);
      consistency.put("meanCosine", 0.1 + 0.6 * learnt);
      consistency.put("lossVariance", 0.05 * (1 - learnt));
      history.record(TrainingMetrics.newBuilder().setModelName("m").setAlgorithm("andmask").setStep(step)
          .setModelVersion(step / 50).setBatchId("b-" + step).setTimestamp(Instant.ofEpochSecond(step)).setEnvironments(environments)
          .setConsistency(consistency).setPairs(List.of(new PairMetrics("env-00", "env-01", 0.4), new PairMetrics("env-00", "env-02", -0.2),
              new PairMetrics("env-01", "env-02", 0.7))).build());
      if (step == SHIFT + 9) {
        history.recordDrift(drift(step, DriftDetector.PAGE_HINKLEY, DriftSeverity.WARNING, null));
      }
      if (step == SHIFT + 14) {
        history.recordDrift(drift(step, DriftDetector.ADWIN, DriftSeverity.DRIFT, null));
      }
      if (step == SHIFT + 31) {
        history.recordDrift(drift(step, DriftDetector.KS, DriftSeverity.DRIFT, 0));
      }
    }
    return history;
  }

  static DriftEvent drift(long step, DriftDetector detector, DriftSeverity level, Integer feature) {
    return DriftEvent.newBuilder().setModelName("m").setEnvironment("env-01").setDetector(detector).setLevel(level)
        .setFeatureIndex(feature).setStatistic(0.42).setThreshold(0.21).setStep(step).setModelVersion(step / 50)
        .setEventTime(Instant.ofEpochSecond(step)).setDetectedAt(Instant.ofEpochSecond(step)).build();
  }
}
