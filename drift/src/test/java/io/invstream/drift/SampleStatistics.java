package io.invstream.drift;

import java.util.Arrays;
import java.util.List;

/** Order statistics of measured detection delays and alarm counts, for the detection-rate tests. */
public final class SampleStatistics {

    private SampleStatistics() {
    }

    /** Returns the lower median of {@code values}; {@code Long.MAX_VALUE} entries count as "never". */
    public static long median(List<Long> values) {
        return quantile(values, 0.5);
    }

    /** Returns the value at rank {@code floor(q * (n - 1))} of the sorted values. */
    public static long quantile(List<Long> values, double q) {
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted[(int) Math.floor(q * (sorted.length - 1))];
    }

    /** Returns the largest value. */
    public static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElseThrow();
    }
}
