package io.invstream.app.train;

import io.invstream.drift.monitor.WindowConfig;
import io.invstream.trainer.session.DriftSettings;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** How the trainer watches its input for drift; shared by {@code train} and {@code demo}. */
public final class DriftOptions {

  @Option(names = "--drift", defaultValue = "on", arity = "1", converter = OnOff.class, paramLabel = "on|off",
      description = "Watch every environment's features and loss for drift; events go to <prefix>.drift (default: ${DEFAULT-VALUE}).")
  boolean enabled = true;

  @Option(names = "--drift-reference", defaultValue = "1000",
      description = "Sampled examples per environment forming the reference window (default: ${DEFAULT-VALUE}).")
  int reference;

  @Option(names = "--drift-window", defaultValue = "500",
      description = "Sampled examples per environment in each window compared with the reference; below a few hundred, "
          + "PSI and Wasserstein raise false alarms (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--drift-sample", defaultValue = "" + DriftSettings.DEFAULT_EXAMPLES_PER_ENVIRONMENT,
      description = "Most examples of each environment per batch whose features the drift monitor bins; caps its cost "
          + "for wide inputs (default: ${DEFAULT-VALUE}).")
  int sample;

  /** The settings these options describe. */
  public DriftSettings settings() {
    WindowConfig defaults = WindowConfig.defaults();
    return new DriftSettings(enabled, new WindowConfig(reference, window, defaults.bins(),
        Math.min(defaults.calibrationSize(), window)), sample);
  }

  /** Reads {@code on} or {@code off}. */
  static final class OnOff implements ITypeConverter<Boolean> {
    @Override
    public Boolean convert(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "on", "true" -> true;
        case "off", "false" -> false;
        default -> throw new TypeConversionException("expected on or off, got '" + value + "'");
      };
    }
  }
}
