package io.invstream.drift.concept;

import java.util.ArrayList;
import java.util.List;

/**
 * The compressed sliding window of ADWIN2 (Bifet and Gavaldà 2007, section 4; the exponential
 * histogram of Datar et al. 2002). Row {@code i} holds buckets of exactly {@code 2^i} consecutive
 * values, each reduced to its sum and sum of squared deviations; when a row holds more than
 * {@code maxBucketsPerRow} buckets its two oldest merge into one bucket of the next row. Older values
 * therefore sit in larger buckets, a window of width {@code W} needs {@code O(M log(W / M))} buckets,
 * and the only cut points are bucket boundaries.
 *
 * <p>The whole window's sum and squared deviations are kept up to date on insertion (Welford) and on
 * removal of the oldest bucket (the parallel-variance formula of Chan et al. run backwards), so the
 * window variance needs no rescan.
 */
final class ExponentialHistogram {

    /** Receives the cut points from oldest to newest; returns {@code true} to stop the scan. */
    @FunctionalInterface
    interface CutVisitor {
        boolean visit(long olderWidth, double olderSum);
    }

    private final int maxBucketsPerRow;
    private final List<BucketRow> rows = new ArrayList<>();
    private long width;
    private double sum;
    private double squaredDeviations;

    ExponentialHistogram(int maxBucketsPerRow) {
        this.maxBucketsPerRow = maxBucketsPerRow;
    }

    void add(double value) {
        double meanBefore = width == 0 ? 0 : sum / width;
        width++;
        sum += value;
        squaredDeviations += (value - meanBefore) * (value - sum / width);
        rowOf(0).append(value, 0);
        for (int i = 0; rows.get(i).size() > maxBucketsPerRow; i++) {
            mergeOldestPairIntoNextRow(i);
        }
    }

    private void mergeOldestPairIntoNextRow(int i) {
        BucketRow row = rows.get(i);
        double bucketWidth = Math.pow(2, i);
        double meanGap = (row.sum(0) - row.sum(1)) / bucketWidth;
        double mergedSum = row.sum(0) + row.sum(1);
        double mergedDeviations = row.squaredDeviations(0) + row.squaredDeviations(1) + bucketWidth / 2 * meanGap * meanGap;
        row.removeFirst();
        row.removeFirst();
        rowOf(i + 1).append(mergedSum, mergedDeviations);
    }

    private BucketRow rowOf(int i) {
        if (i == rows.size()) {
            rows.add(new BucketRow(maxBucketsPerRow + 1));
        }
        return rows.get(i);
    }

    /** Drops the oldest bucket (the first of the highest row); does nothing on an empty window. */
    void removeOldest() {
        if (width == 0) {
            return;
        }
        int top = rows.size() - 1;
        BucketRow row = rows.get(top);
        long bucketWidth = 1L << top;
        double bucketSum = row.sum(0);
        double bucketDeviations = row.squaredDeviations(0);
        row.removeFirst();
        if (row.size() == 0) {
            rows.remove(top);
        }
        long remaining = width - bucketWidth;
        if (remaining == 0) {
            width = 0;
            sum = 0;
            squaredDeviations = 0;
            return;
        }
        double remainingMean = (sum - bucketSum) / remaining;
        double meanGap = bucketSum / bucketWidth - remainingMean;
        double between = (double) bucketWidth * remaining / width * meanGap * meanGap;
        squaredDeviations = Math.max(0, squaredDeviations - bucketDeviations - between);
        sum -= bucketSum;
        width = remaining;
    }

    /** Calls {@code visitor} once per bucket boundary, oldest first, with the width and sum before it. */
    void visitCuts(CutVisitor visitor) {
        long olderWidth = 0;
        double olderSum = 0;
        for (int i = rows.size() - 1; i >= 0; i--) {
            BucketRow row = rows.get(i);
            for (int b = 0; b < row.size(); b++) {
                olderWidth += 1L << i;
                olderSum += row.sum(b);
                if (olderWidth < width && visitor.visit(olderWidth, olderSum)) {
                    return;
                }
            }
        }
    }

    long width() {
        return width;
    }

    double sum() {
        return sum;
    }

    /** Population variance of the window. */
    double variance() {
        return width == 0 ? 0 : squaredDeviations / width;
    }

    int bucketCount() {
        int count = 0;
        for (BucketRow row : rows) {
            count += row.size();
        }
        return count;
    }

    void clear() {
        rows.clear();
        width = 0;
        sum = 0;
        squaredDeviations = 0;
    }

    /** One row of equally sized buckets, oldest first, in fixed-capacity arrays. */
    private static final class BucketRow {
        private final double[] sums;
        private final double[] deviations;
        private int size;

        BucketRow(int capacity) {
            sums = new double[capacity];
            deviations = new double[capacity];
        }

        void append(double bucketSum, double bucketDeviations) {
            sums[size] = bucketSum;
            deviations[size] = bucketDeviations;
            size++;
        }

        void removeFirst() {
            System.arraycopy(sums, 1, sums, 0, size - 1);
            System.arraycopy(deviations, 1, deviations, 0, size - 1);
            size--;
        }

        int size() {
            return size;
        }

        double sum(int b) {
            return sums[b];
        }

        double squaredDeviations(int b) {
            return deviations[b];
        }
    }
}
