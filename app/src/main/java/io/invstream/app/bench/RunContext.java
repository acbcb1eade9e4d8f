package io.invstream.app.bench;

/**
 * What the figures of a run were measured on.
 *
 * @param environments environment topics produced to
 * @param features floats per example
 * @param algorithm training algorithm
 * @param model model kind ({@code logistic}, {@code mlp}, {@code cnn})
 * @param cores processors the JVM saw
 * @param loadBefore host one-minute load average when measuring began
 * @param loadAfter ... and when it ended
 */
record RunContext(int environments, int features, String algorithm, String model, int cores, double loadBefore,
    double loadAfter) {}
