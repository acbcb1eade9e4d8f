package io.invstream.drift.monitor;

import java.util.Random;

/**
 * Synthetic feature vectors for the monitor tests: feature 0 ~ N(0, 1), feature 1 ~ LogNormal(0, 1)
 * (skewed, heavy right tail), feature 2 ~ Poisson(3) (discrete, many ties).
 */
final class FeatureStreams {

    private final Random random;

    FeatureStreams(long seed) {
        this.random = new Random(seed);
    }

    float[] stationary() {
        return new float[] {(float) random.nextGaussian(), (float) Math.exp(random.nextGaussian()), poisson(3)};
    }

    double gaussian() {
        return random.nextGaussian();
    }

    int offsetBelow(int bound) {
        return random.nextInt(bound);
    }

    /** Knuth's multiplication method; fine for small means. */
    private float poisson(double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }
}
