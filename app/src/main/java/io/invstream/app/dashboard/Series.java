package io.invstream.app.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named time series over training steps in bounded memory: when full, every other point is dropped
 * and the sampling stride doubles, so the whole run stays visible at a coarser resolution.
 */
final class Series {

  private final int capacity;
  private final List<Long> steps = new ArrayList<>();
  private final Map<String, List<Double>> values = new LinkedHashMap<>();
  private long stride = 1;
  private long seen;

  Series(int capacity) {
    if (capacity < 4 || capacity % 2 != 0) {
      throw new IllegalArgumentException("capacity must be even and >= 4");
    }
    this.capacity = capacity;
  }

  /** Offers one step's values; kept only when the step falls on the current stride. */
  void add(long step, Map<String, Double> point) {
    if (seen++ % stride != 0) {
      return;
    }
    for (String name : point.keySet()) {
      values.computeIfAbsent(name, n -> padded(steps.size()));
    }
    steps.add(step);
    for (Map.Entry<String, List<Double>> entry : values.entrySet()) {
      entry.getValue().add(point.get(entry.getKey()));
    }
    if (steps.size() == capacity) {
      halve();
    }
  }

  private void halve() {
    keepEven(steps);
    values.values().forEach(Series::keepEven);
    stride *= 2;
    seen = 1;
  }

  private static <T> void keepEven(List<T> list) {
    List<T> kept = new ArrayList<>(list.size() / 2);
    for (int i = 0; i < list.size(); i += 2) {
      kept.add(list.get(i));
    }
    list.clear();
    list.addAll(kept);
  }

  private static List<Double> padded(int size) {
    List<Double> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(null);
    }
    return list;
  }

  /** {@code {"steps": [...], "values": {name: [...]}}}, missing points as null. */
  Map<String, Object> snapshot() {
    Map<String, Object> copy = new LinkedHashMap<>();
    values.forEach((name, list) -> copy.put(name, List.copyOf(nullSafe(list))));
    return Map.of("steps", List.copyOf(steps), "values", copy);
  }

  private static List<Object> nullSafe(List<Double> list) {
    List<Object> out = new ArrayList<>(list.size());
    out.addAll(list);
    return out;
  }

  int size() {
    return steps.size();
  }
}
