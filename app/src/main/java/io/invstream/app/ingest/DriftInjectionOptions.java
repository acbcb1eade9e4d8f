package io.invstream.app.ingest;

import io.invstream.ingest.synthetic.DriftInjection;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** A deliberate drift in one synthetic environment; shared by {@code ingest synthetic} and {@code demo}. */
public final class DriftInjectionOptions {

  @Option(names = "--drift-after", paramLabel = "SECONDS",
      description = "Change one environment this many seconds after production starts, to watch drift detection work.")
  Double afterSeconds;

  @Option(names = "--drift-env", defaultValue = "env-00", description = "The environment that changes (default: ${DEFAULT-VALUE}).")
  String environment;

  @Option(names = "--drift-kind", defaultValue = "SHIFT",
      description = "SHIFT moves its spiral coordinates (data and concept drift); FLIP reverses its shortcut "
          + "(concept drift for a model that uses the shortcut): ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  DriftInjection.Kind kind;

  @Option(names = "--drift-shift", defaultValue = "1.5",
      description = "SHIFT only: how far, in standard deviations (default: ${DEFAULT-VALUE}).")
  double shift;

  /** The injection, if {@code --drift-after} was given. */
  public Optional<DriftInjection> injection() {
    if (afterSeconds == null) {
      return Optional.empty();
    }
    return Optional.of(new DriftInjection(environment, Duration.ofMillis(Math.round(afterSeconds * 1000)), kind, shift));
  }
}
