package io.invstream.trainer.replay;

import io.invstream.schemas.validation.ExampleValidator;
import io.invstream.schemas.validation.Rejection;
import io.invstream.schemas.Example;
import io.invstream.trainer.session.SessionStep;
import io.invstream.trainer.session.TrainingSession;
import io.invstream.trainer.step.Trainer;
import io.invstream.trainer.step.TrainerState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Runs a {@link TrainingSession} over in-memory data, the same per-batch code the Kafka trainer
 * runs, and measures it honestly.
 *
 * <p>Order of operations:
 *
 * <ol>
 *   <li>Examples the model cannot take (wrong width, label out of range, NaN) are set aside and
 *       reported, as the session would refuse them at every step.
 *   <li>Each training environment is split into a training part and a validation split
 *       ({@link ValidationSplit}); held-out environments are kept whole and never enter a batch.
 *   <li>Per step, {@link BalancedSampler} draws {@code k} examples from each training part (or all
 *       of them) and the session runs one step; its per-environment accuracies are measured before
 *       the update (prequential).
 *   <li>Every {@code evaluationInterval} steps and after the last one, the validation splits and the
 *       held-out environments are evaluated in full ({@link Checkpoint}); under training-domain
 *       validation the trainer state of the best mean validation accuracy so far is kept.
 *   <li>At the end the last model is scored on every part ({@link ModelScores}); then the kept state
 *       is restored and scored as the selected model.
 * </ol>
 *
 * <p>Randomness: {@code root = new SplittableRandom(config.seed())}; the first {@code split()}
 * draws the validation split, the second the batch orders. The model's initialisation comes from
 * the session's own seed. Same seeds, same data: same result.
 */
public final class ReplayRunner {

  private static final int REPORTED_REJECTIONS = 5;

  private final TrainingSession session;
  private final ReplayConfig config;

  public ReplayRunner(TrainingSession session, ReplayConfig config) {
    this.session = session;
    this.config = config;
  }

  /** Runs the replay to the end; {@code listener} sees every step and evaluation. */
  public ReplayResult run(ReplayData data, ReplayListener listener) {
    List<String> rejected = new ArrayList<>();
    long[] rejectedCount = {0};
    ReplayData usable = usable(data, rejected, rejectedCount);
    SplittableRandom root = new SplittableRandom(config.seed());
    ValidationSplit split = ValidationSplit.of(usable, config.validationFraction(), root.split());
    BalancedSampler sampler = new BalancedSampler(split.training(), config.examplesPerEnvironment(), root.split());
    Map<String, List<Example>> heldOut = new LinkedHashMap<>();
    usable.heldOutEnvironments().forEach(name -> heldOut.put(name, usable.examples(name)));
    EnvironmentEvaluator evaluator = new EnvironmentEvaluator(session, config.evaluationChunk());

    List<Checkpoint> history = new ArrayList<>();
    Checkpoint best = null;
    TrainerState bestState = null;
    long skipped = 0;
    for (long step = 1; step <= config.steps(); step++) {
      SessionStep result = session.step("replay-" + step, sampler.next());
      skipped += result.nonFinite() ? 1 : 0;
      listener.stepped(step, result);
      if (step % config.evaluationInterval() == 0 || step == config.steps()) {
        Checkpoint checkpoint = new Checkpoint(step, evaluator.accuracies(split.validation()),
            evaluator.accuracies(heldOut), session.trainAccuracy());
        history.add(checkpoint);
        listener.evaluated(checkpoint);
        if (config.selection() == SelectionRule.TRAINING_DOMAIN_VALIDATION
            && (best == null || checkpoint.meanValidation() > best.meanValidation())) {
          best = checkpoint;
          bestState = session.trainer().exportState();
        }
      }
    }
    Trainer trainer = session.trainer();
    ModelScores last = scores(evaluator, config.steps(), split, heldOut);
    ModelScores selected = last;
    if (bestState != null && best.step() != config.steps()) {
      trainer.importState(bestState);
      selected = scores(evaluator, best.step(), split, heldOut);
    }
    return new ReplayResult(config.steps(), skipped, config.selection(), last, selected, history,
        session.trainAccuracy(), rejected, rejectedCount[0], trainer.provenance());
  }

  private static ModelScores scores(EnvironmentEvaluator evaluator, long step, ValidationSplit split,
      Map<String, List<Example>> heldOut) {
    return new ModelScores(step, evaluator.accuracies(split.training()), evaluator.accuracies(split.validation()),
        evaluator.accuracies(heldOut));
  }

  /** The data less the examples the model cannot take; their messages go to {@code rejected}. */
  private ReplayData usable(ReplayData data, List<String> rejected, long[] count) {
    Trainer trainer = session.trainer();
    ExampleValidator validator = new ExampleValidator(trainer.model().inputSize(), trainer.model().classes());
    Map<String, List<Example>> kept = new LinkedHashMap<>();
    data.environments().forEach((name, examples) -> {
      List<Example> good = new ArrayList<>(examples.size());
      for (Example example : examples) {
        Optional<Rejection> problem = validator.check(example);
        if (problem.isEmpty()) {
          good.add(example);
        } else {
          count[0]++;
          if (rejected.size() < REPORTED_REJECTIONS) {
            rejected.add(problem.get().message() + " [" + problem.get().reason() + "]");
          }
        }
      }
      kept.put(name, good);
    });
    return new ReplayData(kept, data.heldOut());
  }
}
