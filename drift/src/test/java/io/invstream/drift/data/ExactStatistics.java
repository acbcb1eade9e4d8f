package io.invstream.drift.data;

import io.invstream.drift.sketch.BinEdges;
import io.invstream.drift.sketch.Histogram;
import io.invstream.drift.sketch.HistogramAccumulator;
import java.util.Arrays;

/** Direct computations from raw samples, the ground truth the sketches are checked against. */
final class ExactStatistics {

    private ExactStatistics() {
    }

    static Histogram histogram(BinEdges edges, double... values) {
        HistogramAccumulator accumulator = new HistogramAccumulator(edges);
        Arrays.stream(values).forEach(accumulator::add);
        return accumulator.toHistogram();
    }

    /** PSI with bins found by a linear scan (not the binary search under test). */
    static double psi(double[] reference, double[] current, double[] edges, double epsilon) {
        double[] r = shares(reference, edges);
        double[] c = shares(current, edges);
        double psi = 0;
        for (int b = 0; b < r.length; b++) {
            double rb = Math.max(r[b], epsilon);
            double cb = Math.max(c[b], epsilon);
            psi += (cb - rb) * Math.log(cb / rb);
        }
        return psi;
    }

    private static double[] shares(double[] values, double[] edges) {
        double[] shares = new double[edges.length + 1];
        for (double value : values) {
            int bin = 0;
            while (bin < edges.length && edges[bin] <= value) {
                bin++;
            }
            shares[bin] += 1.0 / values.length;
        }
        return shares;
    }

    /** Two-sample KS D: the largest ECDF gap over all sample points. */
    static double ks(double[] reference, double[] current) {
        double[] points = union(reference, current);
        double largest = 0;
        for (double x : points) {
            largest = Math.max(largest, Math.abs(ecdf(reference, x) - ecdf(current, x)));
        }
        return largest;
    }

    /** W1 as the integral of |F_ref - F_cur| between consecutive sample points. */
    static double wasserstein(double[] reference, double[] current) {
        double[] points = union(reference, current);
        double integral = 0;
        for (int k = 0; k + 1 < points.length; k++) {
            integral += Math.abs(ecdf(reference, points[k]) - ecdf(current, points[k])) * (points[k + 1] - points[k]);
        }
        return integral;
    }

    static double populationStandardDeviation(double[] values) {
        double mean = Arrays.stream(values).average().orElseThrow();
        return Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / values.length);
    }

    private static double ecdf(double[] values, double x) {
        return Arrays.stream(values).filter(v -> v <= x).count() / (double) values.length;
    }

    private static double[] union(double[] a, double[] b) {
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return Arrays.stream(all).sorted().distinct().toArray();
    }
}
