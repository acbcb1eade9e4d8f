package io.invstream.app.experiment;

import java.util.List;

/**
 * Mean and sample standard deviation of one figure over seeds.
 *
 * @param mean the mean, NaN without values
 * @param sd the sample standard deviation, NaN with fewer than two values
 * @param count how many values
 */
record Statistic(double mean, double sd, int count) {

  static Statistic of(List<Double> values) {
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
    return new Statistic(mean, values.size() > 1 ? Math.sqrt(squares / (values.size() - 1)) : Double.NaN, values.size());
  }

  /** As a percentage, with ± sd when there are several seeds. */
  String percent() {
    if (Double.isNaN(mean)) {
      return "-";
    }
    return Double.isNaN(sd) ? String.format("%.1f", 100 * mean) : String.format("%.1f ± %.1f", 100 * mean, 100 * sd);
  }
}
