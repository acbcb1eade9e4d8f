package io.invstream.datasets.file;

import io.invstream.schemas.validation.RejectReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fields of one JSON line, checked against the keys the reader knows and converted with the same
 * {@link FieldRules} as CSV cells. Numbers may also be given as JSON strings holding the CSV text ({@code "1.5"},
 * {@code "NaN"}).
 */
final class JsonRow {

  private final ObjectNode object;
  private final TreeMap<Integer, JsonNode> numberedFeatures = new TreeMap<>();
  private final TreeMap<Integer, JsonNode> numberedMask = new TreeMap<>();

  /** Sorts the keys; rejects unknown ones and mixed forms (both {@code features} and {@code f0..}). */
  JsonRow(ObjectNode object) throws RowRejection {
    this.object = object;
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      String key = field.getKey();
      if (ColumnNames.featureIndex(key) >= 0) {
        numberedFeatures.put(ColumnNames.featureIndex(key), field.getValue());
      } else if (ColumnNames.maskIndex(key) >= 0) {
        numberedMask.put(ColumnNames.maskIndex(key), field.getValue());
      } else if (!ColumnNames.isNamed(key)) {
        throw new RowRejection(RejectReason.MALFORMED, "unknown field '" + key + "'; the known fields are "
            + ColumnNames.KNOWN);
      }
    }
    if (object.has(ColumnNames.FEATURES) == !numberedFeatures.isEmpty()) {
      throw new RowRejection(RejectReason.MALFORMED, numberedFeatures.isEmpty()
          ? "no features: add a 'features' array or fields f0..fN"
          : "use either a 'features' array or fields f0..fN, not both");
    }
    if (object.has(ColumnNames.MASK) && !numberedMask.isEmpty()) {
      throw new RowRejection(RejectReason.MALFORMED, "use either a 'mask' array or fields m0..mN, not both");
    }
  }

  String environment(String fallback) throws RowRejection {
    JsonNode node = value(ColumnNames.ENVIRONMENT);
    if (node != null && !node.isTextual()) {
      throw new RowRejection(RejectReason.MALFORMED, "env must be a JSON string, got " + describe(node));
    }
    return FieldRules.environment(node == null ? null : node.textValue(), fallback);
  }

  int label() throws RowRejection {
    JsonNode node = value(ColumnNames.LABEL);
    if (node != null && !node.isNumber() && !node.isTextual()) {
      throw new RowRejection(RejectReason.BAD_LABEL, "label must be an integer, got " + describe(node));
    }
    return FieldRules.label(node == null ? null : node.asText());
  }

  float[] features() throws RowRejection {
    if (numberedFeatures.isEmpty()) {
      JsonNode array = object.get(ColumnNames.FEATURES);
      if (!array.isArray()) {
        throw new RowRejection(RejectReason.MALFORMED, "features must be a JSON array, got " + describe(array));
      }
      float[] values = new float[array.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = feature(array.get(i), "feature " + i + " (features[" + i + "])");
      }
      return values;
    }
    JsonNode[] nodes = contiguous(numberedFeatures, 'f', RejectReason.MALFORMED);
    float[] values = new float[nodes.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = feature(nodes[i], "feature " + i + " (field f" + i + ")");
    }
    return values;
  }

  /** The mask, or {@code null} when absent or JSON {@code null}. */
  float[] mask() throws RowRejection {
    JsonNode[] nodes;
    String form;
    if (numberedMask.isEmpty()) {
      JsonNode array = value(ColumnNames.MASK);
      if (array == null) {
        return null;
      }
      if (!array.isArray()) {
        throw new RowRejection(RejectReason.BAD_MASK, "mask must be a JSON array, got " + describe(array));
      }
      nodes = new JsonNode[array.size()];
      for (int i = 0; i < nodes.length; i++) {
        nodes[i] = array.get(i);
      }
      form = "mask[%d]";
    } else {
      nodes = contiguous(numberedMask, 'm', RejectReason.BAD_MASK);
      form = "field m%d";
    }
    float[] values = new float[nodes.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = maskValue(nodes[i], "mask value " + i + " (" + String.format(form, i) + ")");
    }
    return values;
  }

  Float weight() throws RowRejection {
    JsonNode node = value(ColumnNames.WEIGHT);
    if (node != null && !node.isNumber() && !node.isTextual()) {
      throw new RowRejection(RejectReason.BAD_WEIGHT, "weight must be a number, got " + describe(node));
    }
    return FieldRules.weight(node == null ? null : node.asText());
  }

  Instant time(Instant fallback) throws RowRejection {
    JsonNode node = value(ColumnNames.TIME);
    if (node != null && !node.isNumber() && !node.isTextual()) {
      throw new RowRejection(RejectReason.BAD_TIME, "time must be epoch milliseconds or an ISO-8601 string, got "
          + describe(node));
    }
    return FieldRules.time(node == null ? null : node.asText(), fallback);
  }

  /** The id, or {@code null} when absent, null or empty. */
  String id() throws RowRejection {
    JsonNode node = value(ColumnNames.ID);
    if (node != null && !node.isTextual() && !node.isNumber()) {
      throw new RowRejection(RejectReason.MALFORMED, "id must be a string or a number, got " + describe(node));
    }
    return node == null || node.asText().isEmpty() ? null : node.asText();
  }

  private static float feature(JsonNode node, String where) throws RowRejection {
    if (node.isNumber()) {
      return FieldRules.number(node.doubleValue(), where, RejectReason.NON_FINITE);
    }
    if (node.isNull() || node.isTextual()) {
      return FieldRules.feature(node.textValue(), where);
    }
    throw new RowRejection(RejectReason.MALFORMED, where + " is " + describe(node) + ", not a number");
  }

  private static float maskValue(JsonNode node, String where) throws RowRejection {
    if (node.isNumber()) {
      return FieldRules.number(node.doubleValue(), where, RejectReason.BAD_MASK);
    }
    if (node.isNull() || node.isTextual()) {
      return FieldRules.maskValue(node.textValue(), where);
    }
    throw new RowRejection(RejectReason.BAD_MASK, where + " is " + describe(node) + ", not a number");
  }

  private static JsonNode[] contiguous(TreeMap<Integer, JsonNode> numbered, char prefix, RejectReason reason)
      throws RowRejection {
    TreeMap<Integer, Integer> positions = new TreeMap<>();
    numbered.keySet().forEach(k -> positions.put(k, k));
    try {
      ColumnNames.contiguous(positions, prefix);
    } catch (IllegalArgumentException gap) {
      throw new RowRejection(reason, "field " + gap.getMessage());
    }
    return numbered.values().toArray(new JsonNode[0]);
  }

  /** The value of {@code key}, with JSON {@code null} treated like an absent key. */
  private JsonNode value(String key) {
    JsonNode node = object.get(key);
    return node == null || node.isNull() ? null : node;
  }

  /** E.g. {@code string "abc"}, {@code array [1,2]}, {@code null}: what a person needs to find the value. */
  private static String describe(JsonNode node) {
    if (node.isNull()) {
      return "null";
    }
    String text = node.toString();
    return node.getNodeType().name().toLowerCase(Locale.ROOT) + " "
        + (text.length() <= 40 ? text : text.substring(0, 37) + "...");
  }
}
