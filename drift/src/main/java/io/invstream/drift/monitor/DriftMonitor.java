package io.invstream.drift.monitor;

import io.invstream.drift.DetectorKind;
import io.invstream.drift.DriftEvent;
import io.invstream.drift.DriftLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Watches every environment (data source) of a training stream for data drift on each feature and for
 * concept drift on the loss, and reports level changes as {@link DriftEvent}s.
 *
 * <p>Per environment: the first {@code referenceSize} observations form the reference window of every
 * feature (or a snapshot is {@linkplain #fixReference fixed} by the user); after it, tumbling windows
 * of {@code windowSize} observations are each compared with the reference by PSI, Kolmogorov–Smirnov and
 * normalised Wasserstein-1 when they fill up. Every loss goes to ADWIN and to Page–Hinkley as it
 * arrives. Memory per environment is {@code O(features * (bins + calibrationSize))} plus
 * {@code O(log W)} for ADWIN; an observation costs {@code O(features * log bins)}, plus the window
 * evaluation of {@code O(features * bins)} once per {@code windowSize} observations.
 *
 * <p><b>Events.</b> One event each time a (feature or loss, detector) pair changes level to WARNING or
 * DRIFT, never for an evaluation at an unchanged level; returns to NONE are silent (see
 * {@link #level}). After DRIFT, features follow the {@link ReferencePolicy}; ADWIN drops the old part of
 * its window and Page–Hinkley restarts, so each judges the new regime from then on.
 *
 * <p><b>Bad input.</b> An observation with a NaN or infinite feature or loss, a null or blank
 * environment, or a feature count different from the environment's first observation is rejected
 * with an {@link IllegalArgumentException} that names the environment, step and field, and nothing of it
 * is recorded: validation completes before any state changes, so the caller can route the record to a
 * dead-letter topic and carry on.
 *
 * <p>Not thread-safe: use one monitor per consuming thread (as one per Kafka Streams task), or guard it.
 */
public final class DriftMonitor {

    private final DriftConfig config;
    private final Map<String, EnvironmentMonitor> environments = new HashMap<>();

    /** Creates a monitor; environments are added on their first observation. */
    public DriftMonitor(DriftConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Creates a monitor with {@link DriftConfig#defaults()}. */
    public DriftMonitor() {
        this(DriftConfig.defaults());
    }

    /**
     * Records one labelled example's features and loss.
     *
     * @param environment the data source; its first observation fixes its feature count
     * @param features the example's features; read, not retained
     * @param loss the model's loss on the example
     * @param step the caller's position of the example (Kafka offset or counter), copied into events
     * @param timestampMillis the example's time, epoch milliseconds, copied into events
     * @return the events this observation caused, usually none; an unmodifiable list
     * @throws IllegalArgumentException if the observation is invalid (see the class comment); nothing is recorded
     */
    public List<DriftEvent> observe(String environment, float[] features, double loss, long step, long timestampMillis) {
        requireEnvironmentName(environment);
        Objects.requireNonNull(features, "features");
        EnvironmentMonitor monitor = environments.get(environment);
        requireValid(environment, features, loss, step, monitor == null ? features.length : monitor.featureCount());
        if (monitor == null) {
            monitor = new EnvironmentMonitor(environment, features.length, config);
            environments.put(environment, monitor);
        }
        List<DriftEvent> events = monitor.observe(features, loss, step, timestampMillis);
        return events.isEmpty() ? List.of() : List.copyOf(events);
    }

    /**
     * Records one example's features alone, for callers whose loss stream is coarser than their
     * examples (say one mean loss per batch, see {@link #observeLoss}). Validation and the
     * environment's feature count are as for {@link #observe}.
     *
     * @return the events this observation caused (data drift only), usually none
     * @throws IllegalArgumentException if the observation is invalid; nothing is recorded
     */
    public List<DriftEvent> observeFeatures(String environment, float[] features, long step, long timestampMillis) {
        requireEnvironmentName(environment);
        Objects.requireNonNull(features, "features");
        EnvironmentMonitor monitor = environments.get(environment);
        requireValid(environment, features, 0, step, monitor == null ? features.length : monitor.featureCount());
        if (monitor == null) {
            monitor = new EnvironmentMonitor(environment, features.length, config);
            environments.put(environment, monitor);
        }
        List<DriftEvent> events = new ArrayList<>(0);
        monitor.observeFeatures(features, step, timestampMillis, events);
        return events.isEmpty() ? List.of() : List.copyOf(events);
    }

    /**
     * Records one value of the environment's loss stream alone: for instance the mean loss of the
     * environment's examples in a training batch, whose spread is far smaller than single examples'
     * (Page–Hinkley's thresholds are in loss units). The environment must already be known from a
     * feature observation, which fixes its feature count.
     *
     * @return the events this observation caused (concept drift only), usually none
     * @throws IllegalArgumentException for a NaN or infinite loss or an unknown environment; nothing is recorded
     */
    public List<DriftEvent> observeLoss(String environment, double loss, long step, long timestampMillis) {
        requireEnvironmentName(environment);
        EnvironmentMonitor monitor = environments.get(environment);
        if (monitor == null) {
            throw new IllegalArgumentException("environment '" + environment + "' step " + step + ": no feature observation yet;"
                    + " observe its features first (that fixes its feature count). The loss was not recorded.");
        }
        requireValid(environment, new float[monitor.featureCount()], loss, step, monitor.featureCount());
        List<DriftEvent> events = new ArrayList<>(0);
        monitor.observeLoss(loss, step, timestampMillis, events);
        return events.isEmpty() ? List.of() : List.copyOf(events);
    }

    private static void requireValid(String environment, float[] features, double loss, long step, int expectedFeatures) {
        if (features.length != expectedFeatures) {
            throw new IllegalArgumentException("environment '" + environment + "' step " + step + ": got " + features.length
                    + " features but this environment's observations have " + expectedFeatures
                    + "; a schema change needs reset(environment) first. The observation was not recorded.");
        }
        for (int f = 0; f < features.length; f++) {
            if (!Float.isFinite(features[f])) {
                throw new IllegalArgumentException("environment '" + environment + "' step " + step + ": feature " + f + " is "
                        + features[f] + "; drift sketches take finite values only, so drop or impute it upstream."
                        + " The observation was not recorded.");
            }
        }
        if (!Double.isFinite(loss)) {
            throw new IllegalArgumentException("environment '" + environment + "' step " + step + ": loss is " + loss
                    + "; concept-drift detectors take finite losses only (a diverged model needs attention before"
                    + " monitoring). The observation was not recorded.");
        }
    }

    private static void requireEnvironmentName(String environment) {
        if (environment == null || environment.isBlank()) {
            throw new IllegalArgumentException("environment must be a non-blank name, got "
                    + (environment == null ? "null" : "'" + environment + "'"));
        }
    }

    /**
     * Returns the environment's reference, once its reference window is complete or a snapshot has been
     * fixed; empty while it is being collected or for an unknown environment.
     */
    public Optional<ReferenceSnapshot> reference(String environment) {
        EnvironmentMonitor monitor = environments.get(environment);
        return monitor == null ? Optional.empty() : Optional.ofNullable(monitor.reference());
    }

    /**
     * Makes {@code snapshot} the environment's reference from now on, ending its reference phase (or
     * replacing the reference it had); the current window restarts empty. The loss detectors are not
     * affected. An unknown environment is created with the snapshot's feature count.
     *
     * @throws IllegalArgumentException if the snapshot's feature count differs from the environment's
     */
    public void fixReference(String environment, ReferenceSnapshot snapshot) {
        requireEnvironmentName(environment);
        Objects.requireNonNull(snapshot, "snapshot");
        EnvironmentMonitor monitor = environments.computeIfAbsent(environment,
                name -> new EnvironmentMonitor(name, snapshot.featureCount(), config));
        if (monitor.featureCount() != snapshot.featureCount()) {
            throw new IllegalArgumentException("environment '" + environment + "' has " + monitor.featureCount()
                    + " features but the snapshot has " + snapshot.featureCount() + "; reset(environment) first to change the schema");
        }
        monitor.fixReference(snapshot);
    }

    /**
     * Forgets everything about the environment: its reference is collected again from its next
     * observations, its loss detectors start afresh and all its levels return to NONE. Use it after
     * deliberately changing the model or the schema. Unknown environments are ignored.
     */
    public void reset(String environment) {
        environments.remove(environment);
    }

    /**
     * Returns the level of the most recent evaluation of one detector on one stream.
     *
     * @param featureIndex a feature index for PSI, KS and WASSERSTEIN, or {@link DriftEvent#LOSS} for ADWIN
     *     and PAGE_HINKLEY
     * @throws IllegalArgumentException for an unknown environment, or an index that does not fit the kind
     */
    public DriftLevel level(String environment, int featureIndex, DetectorKind kind) {
        EnvironmentMonitor monitor = environments.get(environment);
        if (monitor == null) {
            throw new IllegalArgumentException("no observation of environment '" + environment + "' yet; known: " + environments.keySet());
        }
        boolean fits = kind.watchesFeatures() ? featureIndex >= 0 && featureIndex < monitor.featureCount() : featureIndex == DriftEvent.LOSS;
        if (!fits) {
            throw new IllegalArgumentException(kind + " has no level for feature index " + featureIndex + " of environment '"
                    + environment + "' (" + monitor.featureCount() + " features; loss detectors use -1)");
        }
        return monitor.level(featureIndex, kind);
    }

    /**
     * Returns the most severe current level of one detector over every stream it watches in the
     * environment: over all features for PSI, KS and WASSERSTEIN, the loss stream for ADWIN and
     * PAGE_HINKLEY. Unlike events, this also shows returns to NONE, so it suits a gauge.
     *
     * @throws IllegalArgumentException for an unknown environment
     */
    public DriftLevel level(String environment, DetectorKind kind) {
        EnvironmentMonitor monitor = environments.get(environment);
        if (monitor == null) {
            throw new IllegalArgumentException("no observation of environment '" + environment + "' yet; known: " + environments.keySet());
        }
        return monitor.highestLevel(kind);
    }

    /** Returns the environments observed so far. */
    public Set<String> environments() {
        return Set.copyOf(environments.keySet());
    }
}
