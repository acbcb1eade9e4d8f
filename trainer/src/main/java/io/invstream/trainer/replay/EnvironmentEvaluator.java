package io.invstream.trainer.replay;

import io.invstream.schemas.Example;
import io.invstream.trainer.session.TrainingSession;
import io.invstream.trainer.step.Evaluation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Accuracy of the session's current model on whole environments, evaluated in chunks of rows. */
final class EnvironmentEvaluator {

  private final TrainingSession session;
  private final int chunk;

  EnvironmentEvaluator(TrainingSession session, int chunk) {
    this.session = session;
    this.chunk = chunk;
  }

  /** Accuracy per environment; environments without examples are left out. */
  Map<String, Double> accuracies(Map<String, List<Example>> environments) {
    Map<String, Double> out = new LinkedHashMap<>();
    environments.forEach((name, examples) -> {
      if (!examples.isEmpty()) {
        out.put(name, accuracy(name, examples));
      }
    });
    return out;
  }

  private double accuracy(String environment, List<Example> examples) {
    double correct = 0;
    for (int from = 0; from < examples.size(); from += chunk) {
      List<Example> part = examples.subList(from, Math.min(examples.size(), from + chunk));
      Evaluation evaluation = session.evaluate(environment, part);
      correct += evaluation.accuracy() * evaluation.examples();
    }
    return correct / examples.size();
  }
}
