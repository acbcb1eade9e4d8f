package io.invstream.app.console;

import java.io.PrintStream;

/**
 * A one-line progress bar redrawn in place on a terminal, or plain lines every few seconds when
 * the output is redirected (so logs stay readable).
 */
public final class ProgressBar {

  private static final int WIDTH = 30;

  private final PrintStream out;
  private final boolean terminal;
  private long lastLine;

  public ProgressBar(PrintStream out) {
    this.out = out;
    this.terminal = System.console() != null;
  }

  /**
   * Redraws the bar.
   *
   * @param fraction 0..1, or negative when the total is unknown
   * @param status what to show after the bar
   */
  public void update(double fraction, String status) {
    String bar = fraction < 0 ? "" : bar(fraction) + String.format(" %3.0f%% ", 100 * fraction);
    if (terminal) {
      out.print("\r" + bar + status + "\u001b[K");
      out.flush();
    } else if (System.nanoTime() - lastLine > 5_000_000_000L) {
      lastLine = System.nanoTime();
      out.println(bar + status);
    }
  }

  /** Draws the final state and ends the line. */
  public void finish(double fraction, String status) {
    String bar = fraction < 0 ? "" : bar(fraction) + String.format(" %3.0f%% ", 100 * fraction);
    out.println((terminal ? "\r" : "") + bar + status + (terminal ? "\u001b[K" : ""));
  }

  private static String bar(double fraction) {
    int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * WIDTH);
    return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "]";
  }
}
