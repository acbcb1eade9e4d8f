package io.invstream.trainer.session;

import io.invstream.drift.data.KolmogorovSmirnov;
import io.invstream.drift.monitor.DriftConfig;
import io.invstream.drift.monitor.WindowConfig;

/**
 * How the trainer watches its input for drift.
 *
 * <p>Sizes count <em>sampled</em> examples of one environment: with the defaults (8 of each
 * environment per batch, reference 1000, windows of 500) an environment's reference is complete
 * after 125 batches and each later window closes about every 63 batches. The sample keeps the
 * watch cheap: with 8 per environment it cost about 7 % of a demo training step (MLP 256-256, 17
 * environments of 64), with 16 about 11 %, with all 64 about 24 % (2 shared cores); most of it is
 * the forward pass that gives the losses.
 *
 * @param enabled false turns monitoring off: no extra forward pass, no events, no drift meters
 * @param windows reference and current window sizes and binning of the feature sketches
 * @param examplesPerEnvironment examples of each environment per batch given to the monitor, taken
 *     at an even stride through the batch; their losses cost one forward pass over these rows
 */
public record DriftSettings(boolean enabled, WindowConfig windows, int examplesPerEnvironment) {

  public DriftSettings {
    if (examplesPerEnvironment < 1) {
      throw new IllegalArgumentException("Drift monitoring needs at least 1 example per environment and batch, got "
          + examplesPerEnvironment + "; turn it off instead (--drift off)");
    }
  }

  /** Examples per environment and batch that the defaults watch. */
  public static final int DEFAULT_EXAMPLES_PER_ENVIRONMENT = 8;

  /** On, with the library's window sizes and 8 examples per environment and batch. */
  public static DriftSettings defaults() {
    return new DriftSettings(true, WindowConfig.defaults(), DEFAULT_EXAMPLES_PER_ENVIRONMENT);
  }

  /** Monitoring turned off. */
  public static DriftSettings off() {
    return new DriftSettings(false, WindowConfig.defaults(), DEFAULT_EXAMPLES_PER_ENVIRONMENT);
  }

  /**
   * The monitor's configuration for inputs of {@code features} features: the library's defaults
   * with these windows, two changes for a trainer's stream. KS significance levels are divided by
   * the feature count (Bonferroni), so the chance of a false KS alarm per environment and window
   * stays at the configured level however wide the input is. ADWIN alarms on rising losses only:
   * a falling loss is the model learning.
   */
  public DriftConfig monitorConfig(int features) {
    DriftConfig defaults = DriftConfig.defaults().withWindows(windows);
    KolmogorovSmirnov ks = defaults.ks();
    int tests = Math.max(1, features);
    return defaults.withKs(new KolmogorovSmirnov(ks.warningAlpha() / tests, ks.driftAlpha() / tests))
        .withAdwin(defaults.adwin().withIncreasesOnly());
  }
}
