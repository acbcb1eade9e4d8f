package io.invstream.trainer.session;

import io.invstream.schemas.validation.ExampleValidator;
import io.invstream.schemas.validation.Rejection;
import io.invstream.schemas.Example;
import io.invstream.trainer.step.EnvironmentBatch;
import io.invstream.trainer.step.EnvironmentReport;
import io.invstream.trainer.step.Evaluation;
import io.invstream.trainer.step.StepReport;
import io.invstream.trainer.step.Trainer;
import io.invstream.trainer.step.TrainingBatch;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Trains on batches of examples, evaluating held-out environments without ever training on them.
 *
 * <p>Order of operations per batch: examples that cannot reach the model (wrong dimension, NaN,
 * bad label) are set aside with their reason; held-out environments are evaluated with the current
 * parameters; the trainable environments go through one trainer step, whose per-environment
 * accuracies are measured before the update (test-then-train, i.e. prequential). Accuracy windows
 * are updated from both. Not thread-safe, like the trainer.
 */
public final class TrainingSession {

  private final Trainer trainer;
  private final SessionConfig config;
  private final ExampleValidator validator;
  private final AccuracyWindow trainAccuracy;
  private final AccuracyWindow heldOutAccuracy;
  private long trainedExamples;

  public TrainingSession(Trainer trainer, SessionConfig config) {
    this.trainer = trainer;
    this.config = config;
    this.validator = new ExampleValidator(trainer.model().inputSize(), trainer.model().classes());
    this.trainAccuracy = new AccuracyWindow(config.accuracyWindow());
    this.heldOutAccuracy = new AccuracyWindow(config.accuracyWindow());
  }

  /** Runs one batch. */
  public SessionStep step(String batchId, List<Example> examples) {
    Map<Example, Rejection> rejected = new IdentityHashMap<>();
    List<Example> usable = new ArrayList<>(examples.size());
    for (Example example : examples) {
      Optional<Rejection> problem = validator.check(example);
      if (problem.isPresent()) {
        rejected.put(example, problem.get());
      } else {
        usable.add(example);
      }
    }
    List<Evaluation> heldOut = new ArrayList<>();
    List<EnvironmentBatch> trainable = new ArrayList<>();
    ExampleBatches.byEnvironment(usable).forEach((environment, group) -> {
      EnvironmentBatch batch = ExampleBatches.toBatch(environment, group);
      if (config.heldOut().contains(environment)) {
        Evaluation evaluation = trainer.evaluate(batch);
        heldOut.add(evaluation);
        heldOutAccuracy.add(environment, evaluation.examples(), evaluation.accuracy());
      } else {
        trainable.add(batch);
      }
    });
    StepReport report = null;
    int trained = 0;
    if (!trainable.isEmpty()) {
      report = trainer.step(new TrainingBatch(trainable));
      for (EnvironmentReport environment : report.environments()) {
        trainAccuracy.add(environment.environment(), environment.examples(), environment.accuracy());
      }
      if (report.applied()) {
        trained = trainable.stream().mapToInt(EnvironmentBatch::rows).sum();
        trainedExamples += trained;
      }
    }
    return new SessionStep(batchId, report, heldOut, trained, rejected);
  }

  /** Evaluates one environment's examples without training. */
  public Evaluation evaluate(String environment, List<Example> examples) {
    return trainer.evaluate(ExampleBatches.toBatch(environment, examples));
  }

  /** Prequential accuracy of each training environment over the last window. */
  public Map<String, Double> trainAccuracy() {
    return trainAccuracy.accuracies();
  }

  /** Accuracy of each held-out environment over the last window. */
  public Map<String, Double> heldOutAccuracy() {
    return heldOutAccuracy.accuracies();
  }

  /** Examples trained on by applied steps, in this session. */
  public long trainedExamples() {
    return trainedExamples;
  }

  public Trainer trainer() {
    return trainer;
  }

  public SessionConfig config() {
    return config;
  }
}
