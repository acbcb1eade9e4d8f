package io.invstream.app.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One algorithm's results on one data set, over its seeds.
 *
 * @param algorithm the algorithm's registry name
 * @param runs its runs, one per seed
 */
record MethodRow(String algorithm, List<RunResult> runs) {

  MethodRow {
    runs = List.copyOf(runs);
  }

  Statistic lastTest() {
    return over(RunResult::lastTest);
  }

  Statistic selectedTest() {
    return over(RunResult::selectedTest);
  }

  Statistic selectedWorst() {
    return over(RunResult::selectedWorst);
  }

  Statistic oracleTest() {
    return over(RunResult::oracleTest);
  }

  /** Training-part accuracy per environment after the last step. */
  Map<String, Statistic> lastTrain() {
    Map<String, List<Double>> values = new LinkedHashMap<>();
    for (RunResult run : runs) {
      run.lastTrain().forEach((environment, accuracy) ->
          values.computeIfAbsent(environment, e -> new ArrayList<>()).add(accuracy));
    }
    Map<String, Statistic> out = new LinkedHashMap<>();
    values.forEach((environment, list) -> out.put(environment, Statistic.of(list)));
    return out;
  }

  private Statistic over(ToDoubleFunction<RunResult> figure) {
    List<Double> values = new ArrayList<>();
    for (RunResult run : runs) {
      values.add(figure.applyAsDouble(run));
    }
    return Statistic.of(values);
  }
}
