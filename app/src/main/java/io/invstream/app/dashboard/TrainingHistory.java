package io.invstream.app.dashboard;

import io.invstream.schemas.DriftEvent;
import io.invstream.schemas.DriftSeverity;
import io.invstream.schemas.EnvironmentMetrics;
import io.invstream.schemas.ModelUpdate;
import io.invstream.schemas.PairMetrics;
import io.invstream.schemas.TrainingMetrics;
import io.invstream.trainer.service.TrainingListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the live page shows, fed with each step's published metrics: per-environment loss and
 * accuracy, held-out accuracy, consistency metrics, the latest pairwise gradient cosines, drift
 * events and the model version. Thread-safe: the trainer writes, HTTP threads read.
 */
public final class TrainingHistory {

  private static final int POINTS = 600;
  private static final int EVENTS = 100;

  private final Series loss = new Series(POINTS);
  private final Series accuracy = new Series(POINTS);
  private final Series consistency = new Series(POINTS);
  private final TreeSet<String> heldOut = new TreeSet<>();
  private final Deque<Map<String, Object>> events = new ArrayDeque<>();
  private List<PairMetrics> pairs = List.of();
  private String algorithm = "";
  private long step;
  private long modelVersion;
  private long examples;
  private long driftWarnings;
  private long drifts;

  /** Records one training step. */
  public synchronized void record(TrainingMetrics metrics) {
    Map<String, Double> losses = new LinkedHashMap<>();
    Map<String, Double> accuracies = new LinkedHashMap<>();
    for (EnvironmentMetrics env : metrics.getEnvironments()) {
      losses.put(env.getEnvironment(), env.getLoss());
      accuracies.put(env.getEnvironment(), env.getAccuracy());
      if (env.getHeldOut()) {
        heldOut.add(env.getEnvironment());
      } else {
        examples += env.getExamples();
      }
    }
    loss.add(metrics.getStep(), losses);
    accuracy.add(metrics.getStep(), accuracies);
    consistency.add(metrics.getStep(), new LinkedHashMap<>(metrics.getConsistency()));
    pairs = List.copyOf(metrics.getPairs());
    algorithm = metrics.getAlgorithm();
    step = metrics.getStep();
    modelVersion = metrics.getModelVersion();
  }

  /** Feeds this history from a trainer's thread. */
  public TrainingListener listener() {
    return new TrainingListener() {
      @Override
      public void onStep(TrainingMetrics metrics) {
        record(metrics);
      }

      @Override
      public void onPublished(ModelUpdate update) {
        recordModelVersion(update.getVersion());
      }

      @Override
      public void onDrift(DriftEvent event) {
        recordDrift(event);
      }
    };
  }

  /** Records a model version published outside a step's metrics. */
  public synchronized void recordModelVersion(long version) {
    modelVersion = Math.max(modelVersion, version);
  }

  /**
   * Records a drift detector's level change for the page's event list and counts it; the page
   * also marks its step on the charts.
   */
  public synchronized void recordDrift(DriftEvent event) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("step", event.getStep());
    row.put("type", "drift");
    row.put("environment", event.getEnvironment());
    row.put("detector", event.getDetector().name());
    row.put("level", event.getLevel().name());
    row.put("feature", event.getFeatureIndex() == null ? "loss" : "feature " + event.getFeatureIndex());
    row.put("statistic", String.format(Locale.ROOT, "%.4g > %.4g", event.getStatistic(), event.getThreshold()));
    row.put("modelVersion", event.getModelVersion());
    recordEvent(row);
    if (event.getLevel() == DriftSeverity.DRIFT) {
      drifts++;
    } else {
      driftWarnings++;
    }
  }

  /** Records a notable event (drift, rollback...) for the page's event list, columns in the map's order; the newest are kept. */
  public synchronized void recordEvent(Map<String, Object> event) {
    events.addFirst(Collections.unmodifiableMap(new LinkedHashMap<>(event)));
    while (events.size() > EVENTS) {
      events.removeLast();
    }
  }

  /** Everything the page draws, as plain maps and lists ready for JSON. */
  public synchronized Map<String, Object> snapshot() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("algorithm", algorithm);
    out.put("step", step);
    out.put("modelVersion", modelVersion);
    out.put("examples", examples);
    out.put("drift", Map.of("warnings", driftWarnings, "drifts", drifts));
    out.put("heldOut", List.copyOf(heldOut));
    out.put("loss", loss.snapshot());
    out.put("accuracy", accuracy.snapshot());
    out.put("consistency", consistency.snapshot());
    List<Map<String, Object>> pairList = new ArrayList<>();
    for (PairMetrics pair : pairs) {
      pairList.add(Map.of("first", pair.getFirst(), "second", pair.getSecond(), "cosine", pair.getCosine()));
    }
    out.put("pairs", pairList);
    out.put("events", List.copyOf(events));
    return out;
  }
}
