package io.invstream.datasets.synthetic;

/** What the shortcut dimensions hold in a held-out (test) environment. */
public enum HeldOutShortcut {
  /** A fresh Gaussian vector per example, unrelated to the label: shortcut-only models sit at chance (the paper's test set). */
  RANDOM,
  /**
   * A training environment's shortcut with its sign flipped: class 1 carries {@code -s_e}, class 0 {@code +s_e}, for a
   * training environment {@code e} drawn per example. Shortcut-reliant models fall below chance; the mechanism still works.
   */
  REVERSED
}
