package io.invstream.drift.monitor;

import io.invstream.drift.concept.AdwinConfig;
import io.invstream.drift.concept.PageHinkleyConfig;
import io.invstream.drift.data.KolmogorovSmirnov;
import io.invstream.drift.data.PopulationStabilityIndex;
import io.invstream.drift.data.Wasserstein;
import io.invstream.drift.data.WindowStatistic;
import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link DriftMonitor} is configured with; each component documents its own defaults.
 *
 * @param windows window sizes and binning; {@link WindowConfig#defaults()}
 * @param referencePolicy what happens to a feature's reference after DRIFT; default {@link ReferencePolicy#KEEP}
 * @param psi PSI thresholds; {@link PopulationStabilityIndex#defaults()} (0.1 / 0.25)
 * @param ks KS significance levels; {@link KolmogorovSmirnov#defaults()} (0.01 / 0.001)
 * @param wasserstein normalised W1 thresholds; {@link Wasserstein#defaults()} (0.2 / 0.3)
 * @param adwin ADWIN parameters on the loss; {@link AdwinConfig#defaults()}
 * @param pageHinkley Page–Hinkley parameters on the loss; {@link PageHinkleyConfig#defaults()}
 */
public record DriftConfig(
        WindowConfig windows,
        ReferencePolicy referencePolicy,
        PopulationStabilityIndex psi,
        KolmogorovSmirnov ks,
        Wasserstein wasserstein,
        AdwinConfig adwin,
        PageHinkleyConfig pageHinkley) {

    /** Rejects missing components. */
    public DriftConfig {
        Objects.requireNonNull(windows, "windows");
        Objects.requireNonNull(referencePolicy, "referencePolicy");
        Objects.requireNonNull(psi, "psi");
        Objects.requireNonNull(ks, "ks");
        Objects.requireNonNull(wasserstein, "wasserstein");
        Objects.requireNonNull(adwin, "adwin");
        Objects.requireNonNull(pageHinkley, "pageHinkley");
    }

    /** Returns the documented defaults of every component. */
    public static DriftConfig defaults() {
        return new DriftConfig(WindowConfig.defaults(), ReferencePolicy.KEEP, PopulationStabilityIndex.defaults(),
                KolmogorovSmirnov.defaults(), Wasserstein.defaults(), AdwinConfig.defaults(), PageHinkleyConfig.defaults());
    }

    /** Returns the data statistics in evaluation order: PSI, KS, Wasserstein. */
    public List<WindowStatistic> dataStatistics() {
        return List.of(psi, ks, wasserstein);
    }

    /** Returns a copy with other window sizes. */
    public DriftConfig withWindows(WindowConfig newWindows) {
        return new DriftConfig(newWindows, referencePolicy, psi, ks, wasserstein, adwin, pageHinkley);
    }

    /** Returns a copy with another reference policy. */
    public DriftConfig withReferencePolicy(ReferencePolicy newPolicy) {
        return new DriftConfig(windows, newPolicy, psi, ks, wasserstein, adwin, pageHinkley);
    }

    /** Returns a copy with other PSI thresholds. */
    public DriftConfig withPsi(PopulationStabilityIndex newPsi) {
        return new DriftConfig(windows, referencePolicy, newPsi, ks, wasserstein, adwin, pageHinkley);
    }

    /** Returns a copy with other KS significance levels. */
    public DriftConfig withKs(KolmogorovSmirnov newKs) {
        return new DriftConfig(windows, referencePolicy, psi, newKs, wasserstein, adwin, pageHinkley);
    }

    /** Returns a copy with other Wasserstein thresholds. */
    public DriftConfig withWasserstein(Wasserstein newWasserstein) {
        return new DriftConfig(windows, referencePolicy, psi, ks, newWasserstein, adwin, pageHinkley);
    }

    /** Returns a copy with other ADWIN parameters. */
    public DriftConfig withAdwin(AdwinConfig newAdwin) {
        return new DriftConfig(windows, referencePolicy, psi, ks, wasserstein, newAdwin, pageHinkley);
    }

    /** Returns a copy with other Page–Hinkley parameters. */
    public DriftConfig withPageHinkley(PageHinkleyConfig newPageHinkley) {
        return new DriftConfig(windows, referencePolicy, psi, ks, wasserstein, adwin, newPageHinkley);
    }
}
