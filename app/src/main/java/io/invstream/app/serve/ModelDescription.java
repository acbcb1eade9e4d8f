package io.invstream.app.serve;

import io.invstream.client.InputRange;
import io.invstream.client.ModelMetadata;
import io.invstream.client.Prediction;
import io.invstream.client.ServingModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON bodies describing a model: {@code GET /model} and the answers of {@code POST /predict}. */
final class ModelDescription {

  private ModelDescription() {}

  static Map<String, Object> of(ServingModel model) {
    ModelMetadata m = model.metadata();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", m.name());
    out.put("version", m.version());
    out.put("step", m.step());
    out.put("algorithm", m.algorithm());
    out.put("hyperparameters", m.hyperparameters());
    out.put("architecture", m.architecture());
    out.put("inputs", model.inputs());
    out.put("classes", model.classes());
    out.put("createdAt", m.createdAt().toString());
    out.put("metrics", finite(m.metrics()));
    out.put("provenance", m.provenance().stream().map(ModelDescription::range).toList());
    out.put("codeVersion", m.codeVersion());
    return out;
  }

  static Map<String, Object> predictions(ServingModel model, List<Prediction> predictions) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", model.metadata().name());
    out.put("version", model.version());
    out.put("predictions", predictions.stream().map(ModelDescription::prediction).toList());
    return out;
  }

  private static Map<String, Object> prediction(Prediction prediction) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("label", prediction.label());
    out.put("probabilities", prediction.probabilities());
    return out;
  }

  /** JSON has no NaN or infinity: such metrics (no data yet) are written as null. */
  private static Map<String, Double> finite(Map<String, Double> metrics) {
    Map<String, Double> out = new LinkedHashMap<>();
    metrics.forEach((key, value) -> out.put(key, value != null && Double.isFinite(value) ? value : null));
    return out;
  }

  private static Map<String, Object> range(InputRange range) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("topic", range.topic());
    out.put("partition", range.partition());
    out.put("firstOffset", range.firstOffset());
    out.put("lastOffset", range.lastOffset());
    return out;
  }
}
