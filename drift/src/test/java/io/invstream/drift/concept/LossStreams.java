package io.invstream.drift.concept;

import java.util.Random;

/**
 * The synthetic loss stream of the concept-drift tests: per-example losses drawn from
 * N(0.5, 0.2^2) and, after a change, from N(0.5 + jump, 0.2^2).
 */
final class LossStreams {

    static final double MEAN = 0.5;
    static final double SD = 0.2;

    private final Random random;

    LossStreams(long seed) {
        this.random = new Random(seed);
    }

    double stationary() {
        return MEAN + SD * random.nextGaussian();
    }

    double jumped(double jump) {
        return MEAN + jump + SD * random.nextGaussian();
    }
}
