package io.invstream.drift.concept;

/**
 * Parameters of {@link PageHinkley}. {@code delta} and {@code lambda} are in the units of the monitored
 * values (loss units), so they are not scale-free: on a stationary stream with standard deviation
 * {@code sigma} the chance that the statistic ever passes {@code lambda} during one excursion is about
 * {@code exp(-2 * delta * lambda / sigma^2)}, and a mean increase of {@code d} is detected after about
 * {@code lambda / (d - delta)} values. The defaults (those of MOA and river) suit loss streams with a
 * standard deviation up to about 0.25; noisier streams need a larger {@code lambda} or averaged losses.
 *
 * @param delta magnitude of increase tolerated per value; default 0.005
 * @param lambda drift threshold on the cumulative deviation; default 50
 * @param warningFraction the warning threshold is {@code warningFraction * lambda}; default 0.7. Lower
 *     fractions warn earlier but, by the formula above, far more often on a stationary stream: on loss
 *     values with standard deviation 0.2, fraction 0.5 gave about 5 false warnings per 20 000 values,
 *     0.7 about 1, while still warning about 85 values before a 1-sd increase reaches DRIFT
 * @param alpha forgetting factor applied to the cumulative deviation, in (0, 1]; default 0.9999, so
 *     deviations fade with a time constant of about {@code 1 / (1 - alpha)} = 10 000 values
 * @param minInstances values needed after a (re)start before any level above NONE; default 30
 */
public record PageHinkleyConfig(double delta, double lambda, double warningFraction, double alpha, int minInstances) {

    /** Validates {@code delta >= 0}, {@code lambda > 0}, {@code 0 < warningFraction <= 1}, {@code 0 < alpha <= 1}, {@code minInstances >= 1}. */
    public PageHinkleyConfig {
        if (!(delta >= 0 && Double.isFinite(delta) && lambda > 0 && Double.isFinite(lambda))) {
            throw new IllegalArgumentException("Page-Hinkley needs finite delta >= 0 and lambda > 0, got delta " + delta + ", lambda " + lambda);
        }
        if (!(warningFraction > 0 && warningFraction <= 1 && alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("Page-Hinkley needs warningFraction and alpha in (0, 1], got "
                    + warningFraction + " and " + alpha);
        }
        if (minInstances < 1) {
            throw new IllegalArgumentException("Page-Hinkley needs minInstances >= 1, got " + minInstances);
        }
    }

    /** Returns delta 0.005, lambda 50, warning at 0.7 lambda, alpha 0.9999, 30 instances. */
    public static PageHinkleyConfig defaults() {
        return new PageHinkleyConfig(0.005, 50, 0.7, 0.9999, 30);
    }

    /** Returns the warning threshold, {@code warningFraction * lambda}. */
    public double warningThreshold() {
        return warningFraction * lambda;
    }
}
