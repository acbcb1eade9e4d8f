package io.invstream.trainer.session;

import io.invstream.drift.data.KolmogorovSmirnov;
import io.invstream.drift.monitor.DriftConfig;
import io.invstream.drift.monitor.WindowConfig;

/**
 * How the trainer watches its input for drift.
 *
 * <p>Sizes count <em>watched</em> examples of one environment: with the defaults (up to 64 of each
 * environment per batch, reference 1000, windows of 500) and the demo's 64 per environment, an
 * environment's reference is complete after 16 batches and a window closes every 8. Watching costs
 * about 1 % of a demo training step (MLP 256-256, 17 environments of 64, 2 shared cores: 0.7 ms
 * against 45 to 70 ms); {@code examplesPerEnvironment} caps it for wide inputs or large batches.
 *
 * @param enabled false turns monitoring off: no events, no drift meters
 * @param windows reference and current window sizes and binning of the feature sketches
 * @param examplesPerEnvironment most examples of each environment per batch whose features are
 *     watched, taken at an even stride through the batch
 */
public record DriftSettings(boolean enabled, WindowConfig windows, int examplesPerEnvironment) {

  public DriftSettings {
    if (examplesPerEnvironment < 1) {
      throw new IllegalArgumentException("Drift monitoring needs at least 1 example per environment and batch, got "
          + examplesPerEnvironment + "; turn it off instead (--drift off)");
    }
  }

  /** Examples per environment and batch that the defaults watch. */
  public static final int DEFAULT_EXAMPLES_PER_ENVIRONMENT = 64;

  /** On, with the library's window sizes and up to 64 examples per environment and batch. */
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
