package io.invstream.app.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The examples of one {@code POST /predict}: {@code {"features": [..]}} for one, or {@code
 * {"instances": [[..], [..]]}} for several.
 *
 * @param instances feature vectors, in request order
 */
record PredictRequest(List<float[]> instances) {

  private static final String EXAMPLE = "send {\"features\": [0.1, 0.2, ...]} or {\"instances\": [[...], [...]]}";

  /**
   * Reads and checks the request against the model's input width.
   *
   * @throws RequestRejected (400) naming the first problem: wrong shape, wrong feature count, a
   *     value that is not a number or not a finite float32, too many instances
   */
  static PredictRequest parse(JsonNode request, int inputs, int maxInstances) {
    if (!request.isObject()) {
      throw RequestRejected.badRequest("The request must be a JSON object; " + EXAMPLE);
    }
    JsonNode features = request.get("features");
    JsonNode instances = request.get("instances");
    if ((features == null) == (instances == null)) {
      throw RequestRejected.badRequest("Give exactly one of \"features\" and \"instances\"; " + EXAMPLE);
    }
    if (features != null) {
      return new PredictRequest(List.of(row(features, inputs, "\"features\"")));
    }
    if (!instances.isArray() || instances.isEmpty()) {
      throw RequestRejected.badRequest("\"instances\" must be a non-empty array of feature arrays; " + EXAMPLE);
    }
    if (instances.size() > maxInstances) {
      throw RequestRejected.badRequest("At most " + maxInstances + " instances per request, got " + instances.size()
          + "; split the request or raise --max-instances");
    }
    List<float[]> rows = new ArrayList<>(instances.size());
    for (int i = 0; i < instances.size(); i++) {
      rows.add(row(instances.get(i), inputs, "instance " + i));
    }
    return new PredictRequest(List.copyOf(rows));
  }

  private static float[] row(JsonNode node, int inputs, String what) {
    if (!node.isArray()) {
      throw RequestRejected.badRequest(what + " must be an array of numbers; " + EXAMPLE);
    }
    if (node.size() != inputs) {
      throw RequestRejected.badRequest(what + " has " + node.size() + " features; the model expects " + inputs);
    }
    float[] values = new float[inputs];
    for (int j = 0; j < inputs; j++) {
      JsonNode value = node.get(j);
      if (!value.isNumber()) {
        throw RequestRejected.badRequest("feature " + j + " of " + what + " is " + value.getNodeType().name().toLowerCase(
            java.util.Locale.ROOT) + ", not a number");
      }
      values[j] = value.floatValue();
      if (!Float.isFinite(values[j])) {
        throw RequestRejected.badRequest("feature " + j + " of " + what + " (" + value.asText()
            + ") is not a finite float32; values must lie within ±3.4e38");
      }
    }
    return values;
  }
}
