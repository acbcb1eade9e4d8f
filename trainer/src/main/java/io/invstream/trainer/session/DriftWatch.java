package io.invstream.trainer.session;

import io.invstream.core.validation.ExampleValidator;
import io.invstream.drift.DetectorKind;
import io.invstream.drift.DriftEvent;
import io.invstream.drift.DriftLevel;
import io.invstream.drift.monitor.DriftMonitor;
import io.invstream.schemas.Example;
import io.invstream.trainer.step.EnvironmentReport;
import io.invstream.trainer.step.Evaluation;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Watches the trainer's input for drift, per environment: each feature against a reference window
 * (PSI, Kolmogorov–Smirnov, Wasserstein) and the loss (ADWIN, Page–Hinkley).
 *
 * <p>Order of operations per batch, after the session's step: of each environment's examples at
 * most {@code examplesPerEnvironment} are taken at an even stride, those the model cannot take are
 * skipped (the session dead-letters them), and each one's features go to the monitor; then the
 * environment's mean loss in the step goes to the loss detectors. That loss was measured on the
 * parameters before the update, for training and held-out environments alike (prequential), so it
 * is the loss on data the model had not yet trained on.
 *
 * <p>Why the batch's mean loss rather than each example's: per-example cross-entropy is heavy-tailed
 * (its standard deviation is 0.5 to 1 while a model learns, against the 0.25 that Page–Hinkley's
 * loss-unit thresholds assume; in a demo run it raised hundreds of false alarms), while the mean of
 * 64 examples varies eight times less. It also costs nothing: the step has computed it already.
 *
 * <p>Cost per batch: decoding and binning the sampled examples' features, {@code O(features · log
 * bins)} each, plus {@code O(features · bins)} when a window closes. Not thread-safe, like the trainer.
 */
public final class DriftWatch {

  private final DriftMonitor monitor;
  private final ExampleValidator validator;
  private final int perEnvironment;
  private final float[] row;

  /** A watch for a model of {@code inputs} features and {@code classes} classes. */
  public DriftWatch(DriftSettings settings, int inputs, int classes) {
    this.monitor = new DriftMonitor(settings.monitorConfig(inputs));
    this.validator = new ExampleValidator(inputs, classes);
    this.perEnvironment = settings.examplesPerEnvironment();
    this.row = new float[inputs];
  }

  /**
   * Observes one batch and the step it went through; see the class comment.
   *
   * @param stepNumber the trainer's step number of this batch, copied into events
   * @return level changes to WARNING or DRIFT, usually none
   */
  public List<DriftEvent> observe(List<Example> examples, SessionStep step, long stepNumber) {
    List<DriftEvent> events = new ArrayList<>();
    for (Map.Entry<String, List<Example>> group : ExampleBatches.byEnvironment(examples).entrySet()) {
      long latest = observeFeatures(group.getValue(), stepNumber, events);
      Double loss = latest == Long.MIN_VALUE ? null : lossOf(group.getKey(), step);
      if (loss != null && Double.isFinite(loss)) {
        events.addAll(monitor.observeLoss(group.getKey(), loss, stepNumber, latest));
      }
    }
    return events;
  }

  /** Feeds a stride sample's features; returns the latest event time fed, or {@code Long.MIN_VALUE} when none was usable. */
  private long observeFeatures(List<Example> all, long stepNumber, List<DriftEvent> events) {
    int taken = Math.min(perEnvironment, all.size());
    long latest = Long.MIN_VALUE;
    for (int i = 0; i < taken; i++) {
      Example example = all.get((int) ((long) i * all.size() / taken));
      if (validator.check(example).isPresent()) {
        continue;
      }
      example.getFeatures().duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(row);
      long time = example.getEventTime().toEpochMilli();
      events.addAll(monitor.observeFeatures(example.getEnvironment(), row, stepNumber, time));
      latest = Math.max(latest, time);
    }
    return latest;
  }

  /** The environment's mean loss in the step, before the update; null when the step did not measure it. */
  private static Double lossOf(String environment, SessionStep step) {
    if (step.report() != null) {
      for (EnvironmentReport report : step.report().environments()) {
        if (report.environment().equals(environment)) {
          return report.loss();
        }
      }
    }
    for (Evaluation evaluation : step.heldOut()) {
      if (evaluation.environment().equals(environment)) {
        return evaluation.loss();
      }
    }
    return null;
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
