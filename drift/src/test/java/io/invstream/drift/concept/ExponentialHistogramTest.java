package io.invstream.drift.concept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExponentialHistogramTest {

    @Test
    void windowStatisticsMatchTheRetainedValuesAfterRemovals() {
        ExponentialHistogram window = new ExponentialHistogram(3);
        Random random = new Random(9);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            double value = i < 2_000 ? random.nextGaussian() : 5 + 2 * random.nextGaussian();
            values.add(value);
            window.add(value);
        }
        for (int i = 0; i < 4; i++) {
            window.removeOldest();
        }

        List<Double> retained = values.subList(values.size() - (int) window.width(), values.size());
        double mean = retained.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double variance = retained.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / retained.size();
        assertThat(window.width()).isLessThan(3_000);
        assertThat(window.sum() / window.width()).isCloseTo(mean, within(1e-9));
        assertThat(window.variance()).isCloseTo(variance, within(1e-9));
    }

    @Test
    void cutsVisitEveryBucketBoundaryOldestFirst() {
        ExponentialHistogram window = new ExponentialHistogram(2);
        for (int i = 1; i <= 10; i++) {
            window.add(i);
        }
        List<Long> widths = new ArrayList<>();
        List<Double> sums = new ArrayList<>();

        window.visitCuts((olderWidth, olderSum) -> {
            widths.add(olderWidth);
            sums.add(olderSum);
            return false;
        });

        // buckets after 10 inserts with M = 2: [1..4] (4), [5,6] [7,8] (2 each), [9] [10]
        assertThat(widths).containsExactly(4L, 6L, 8L, 9L);
        assertThat(sums).containsExactly(10.0, 21.0, 36.0, 45.0);
        assertThat(window.bucketCount()).isEqualTo(5);
    }
}
