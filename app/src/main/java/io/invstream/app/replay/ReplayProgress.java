package io.invstream.app.replay;

import io.invstream.app.console.ProgressBar;
import io.invstream.trainer.replay.Checkpoint;
import io.invstream.trainer.replay.ReplayListener;
import io.invstream.trainer.session.SessionStep;
import java.io.PrintStream;
import java.util.Map;

/**
 * Progress of a replay on standard error: a bar redrawn in place on a terminal, a line every few
 * seconds otherwise, with the latest prequential, validation and held-out accuracies.
 */
final class ReplayProgress implements ReplayListener {

  /** Redraws on a terminal are throttled to this, so fast runs do not spend their time printing. */
  private static final long REDRAW_NANOS = 200_000_000L;

  private final ProgressBar bar;
  private final long steps;
  private final long start = System.nanoTime();
  private long lastDraw;
  private Checkpoint latest;

  ReplayProgress(PrintStream out, long steps) {
    this.bar = new ProgressBar(out);
    this.steps = steps;
  }

  @Override
  public void stepped(long step, SessionStep result) {
    if (System.nanoTime() - lastDraw > REDRAW_NANOS) {
      lastDraw = System.nanoTime();
      bar.update((double) step / steps, status(step));
    }
  }

  @Override
  public void evaluated(Checkpoint checkpoint) {
    latest = checkpoint;
  }

  /** Ends the bar's line. */
  void finish() {
    bar.finish(1.0, status(steps));
  }

  private String status(long step) {
    StringBuilder line = new StringBuilder(String.format("[%4.0fs] step %,d/%,d", (System.nanoTime() - start) / 1e9, step,
        steps));
    if (latest != null) {
      line.append(String.format(" | at step %,d: prequential %s | validation %s | held-out %s", latest.step(),
          mean(latest.prequential()), mean(latest.validation()), mean(latest.heldOut())));
    }
    return line.toString();
  }

  private static String mean(Map<String, Double> accuracies) {
    return accuracies.isEmpty() ? "-"
        : String.format("%.3f", accuracies.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
  }
}
