package io.invstream.app.replay;

import java.util.Map;

/** A replay's summary as a few lines for people, from the same map the JSON line is written from. */
final class HumanSummary {

  private HumanSummary() {}

  @SuppressWarnings("unchecked")
  static String of(Map<String, Object> summary) {
    Map<String, Object> selection = (Map<String, Object>) summary.get("selection");
    Map<String, Object> last = (Map<String, Object>) summary.get("last");
    Map<String, Object> selected = (Map<String, Object>) summary.get("selected");
    Map<String, Object> oracle = (Map<String, Object>) summary.get("oracle");
    Map<String, Object> rejected = (Map<String, Object>) summary.get("rejected");
    StringBuilder out = new StringBuilder();
    out.append(String.format("%s on %s, %s, %s steps%n", summary.get("algorithm"), summary.get("dataset"),
        summary.get("model"), summary.get("steps")));
    out.append(line("last step", last));
    out.append(line("selected (" + selection.get("rule") + ", step " + selection.get("step") + ")", selected));
    out.append(String.format("  %-40s test %s%n", "oracle (test-domain, step " + oracle.get("step") + ")",
        percent(oracle.get("testAccuracy"))));
    out.append(String.format("  prequential (test-then-train, last window): %s%n", summary.get("prequentialAccuracy")));
    if (((Number) rejected.get("count")).longValue() > 0) {
      out.append(String.format("  %s examples rejected and skipped%n", rejected.get("count")));
    }
    return out.toString().stripTrailing();
  }

  private static String line(String label, Map<String, Object> scores) {
    return String.format("  %-40s test %s  worst env %s  train %s  validation %s%n", label,
        percent(scores.get("testAccuracy")), percent(scores.get("worstEnvAccuracy")), percents(scores.get("trainAccuracy")),
        percents(scores.get("validationAccuracy")));
  }

  private static String percents(Object accuracies) {
    StringBuilder out = new StringBuilder();
    ((Map<?, ?>) accuracies).forEach((name, value) -> out.append(out.length() == 0 ? "" : " ").append(name).append(' ')
        .append(percent(value)));
    return out.toString();
  }

  private static String percent(Object value) {
    return value instanceof Double d && Double.isFinite(d) ? String.format("%.1f%%", 100 * d) : "-";
  }
}
