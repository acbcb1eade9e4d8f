package io.invstream.drift.monitor;

import io.invstream.drift.sketch.Histogram;
import java.util.List;

/**
 * The reference of one environment: one histogram per feature, in feature order. Export one with
 * {@link DriftMonitor#reference(String)} and install it with {@link DriftMonitor#fixReference} to judge a
 * stream against a baseline chosen by the user, such as the training data of the deployed model.
 *
 * @param features the per-feature reference histograms; copied, so the snapshot is immutable
 */
public record ReferenceSnapshot(List<Histogram> features) {

    /** Copies the list, rejecting null elements. */
    public ReferenceSnapshot {
        features = List.copyOf(features);
    }

    /** Returns the number of features. */
    public int featureCount() {
        return features.size();
    }

    /** Returns the reference histogram of feature {@code index}. */
    public Histogram feature(int index) {
        return features.get(index);
    }
}
