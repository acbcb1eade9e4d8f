package io.invstream.trainer.session;

import io.invstream.core.validation.ExampleValidator;
import io.invstream.drift.DetectorKind;
import io.invstream.drift.DriftEvent;
import io.invstream.drift.DriftLevel;
import io.invstream.drift.monitor.DriftMonitor;
import io.invstream.schemas.Example;
import io.invstream.trainer.step.Predictions;
import io.invstream.trainer.step.Trainer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Watches the trainer's input for drift: per environment, each feature against a reference window
 * (PSI, Kolmogorov–Smirnov, Wasserstein) and the per-example loss (ADWIN, Page–Hinkley).
 *
 * <p>Order of operations per batch: of each environment's examples at most
 * {@code examplesPerEnvironment} are taken at an even stride, and those the model cannot take are
 * skipped (the session dead-letters them); one forward pass gives their class probabilities under the current
 * parameters, and {@code −ln p(label)} is each one's cross-entropy; each sampled example's features
 * and loss go to the monitor. Called before the training step, so the loss is measured on data the
 * model has not yet trained on (prequential), as for the reported accuracies.
 *
 * <p>Cost per batch: a forward pass over the sampled rows (17 environments × 8 of the demo's 1088
 * rows) and {@code O(features · log bins)} per sampled example; see {@link DriftSettings} for
 * measured figures. Not thread-safe, like the trainer.
 */
public final class DriftWatch {

  private final DriftMonitor monitor;
  private final ExampleValidator validator;
  private final int perEnvironment;
  private final int inputs;

  /** A watch for a model of {@code inputs} features and {@code classes} classes. */
  public DriftWatch(DriftSettings settings, int inputs, int classes) {
    this.monitor = new DriftMonitor(settings.monitorConfig(inputs));
    this.validator = new ExampleValidator(inputs, classes);
    this.perEnvironment = settings.examplesPerEnvironment();
    this.inputs = inputs;
  }

  /**
   * Observes one batch; see the class comment.
   *
   * @param step the trainer step this batch is about to become, copied into events
   * @return level changes to WARNING or DRIFT, usually none
   */
  public List<DriftEvent> observe(Trainer trainer, List<Example> examples, long step) {
    List<Example> sample = sample(examples);
    if (sample.isEmpty()) {
      return List.of();
    }
    float[] features = new float[sample.size() * inputs];
    for (int r = 0; r < sample.size(); r++) {
      sample.get(r).getFeatures().duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(features, r * inputs, inputs);
    }
    Predictions predictions = trainer.predict(features, sample.size());
    List<DriftEvent> events = new ArrayList<>();
    float[] row = new float[inputs];
    for (int r = 0; r < sample.size(); r++) {
      Example example = sample.get(r);
      System.arraycopy(features, r * inputs, row, 0, inputs);
      double loss = -Math.log(Math.max(predictions.probability(r, example.getLabel()), Float.MIN_NORMAL));
      events.addAll(monitor.observe(example.getEnvironment(), row, loss, step, example.getEventTime().toEpochMilli()));
    }
    return events;
  }

  /** An even stride through each environment's examples; the validator then checks only those taken. */
  private List<Example> sample(List<Example> examples) {
    List<Example> sample = new ArrayList<>();
    for (List<Example> all : ExampleBatches.byEnvironment(examples).values()) {
      int taken = Math.min(perEnvironment, all.size());
      for (int i = 0; i < taken; i++) {
        Example example = all.get((int) ((long) i * all.size() / taken));
        if (validator.check(example).isEmpty()) {
          sample.add(example);
        }
      }
    }
    return sample;
  }

  /** Environments observed so far. */
  public Set<String> environments() {
    return monitor.environments();
  }

  /** The most severe current level of {@code kind} in {@code environment}, over its features or its loss. */
  public DriftLevel level(String environment, DetectorKind kind) {
    return monitor.level(environment, kind);
  }
}
