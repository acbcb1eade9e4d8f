package io.invstream.app.ingest;

import io.invstream.datasets.synthetic.HeldOutShortcut;
import io.invstream.datasets.synthetic.SpiralTask;
import io.invstream.datasets.synthetic.SpiralTaskConfig;
import picocli.CommandLine.Option;

/** Shape of the synthetic task: shared by {@code ingest synthetic}, {@code demo} and {@code replay}. */
public final class SyntheticTaskOptions {

  @Option(names = "--environments", defaultValue = "16",
      description = "Training environments, each with its own shortcut (default: ${DEFAULT-VALUE}; the AND-mask paper used 16-32).")
  public int environments;

  @Option(names = "--held-out", defaultValue = "1", description = "Held-out test environments (default: ${DEFAULT-VALUE}).")
  public int heldOut;

  @Option(names = "--shortcut-dims", defaultValue = "8", description = "Spurious shortcut dimensions (default: ${DEFAULT-VALUE}).")
  public int shortcutDims;

  @Option(names = "--shortcut-scale", defaultValue = "1.0", description = "Standard deviation of each environment's shortcut (default: ${DEFAULT-VALUE}).")
  public double shortcutScale;

  @Option(names = "--held-out-shortcut", defaultValue = "REVERSED",
      description = "Shortcut in held-out environments: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  public HeldOutShortcut heldOutShortcut;

  @Option(names = "--revolutions", defaultValue = "2",
      description = "Turns of each spiral (default: ${DEFAULT-VALUE}; the paper used 3, which takes several times more steps to learn).")
  public int revolutions;

  @Option(names = "--task-seed", defaultValue = "2021", description = "Seed of the environments' shortcuts (default: ${DEFAULT-VALUE}).")
  public long taskSeed;

  public SpiralTask task() {
    SpiralTaskConfig config = new SpiralTaskConfig(shortcutDims, revolutions, shortcutScale, 0.02, heldOutShortcut, taskSeed);
    return SpiralTask.withEnvironments(config, environments, heldOut);
  }
}
