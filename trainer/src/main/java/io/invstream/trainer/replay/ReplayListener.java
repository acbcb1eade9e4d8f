package io.invstream.trainer.replay;

import io.invstream.trainer.session.SessionStep;

/** Watches a replay as it runs: progress lines, curves, and tests that check what each step trained on. */
public interface ReplayListener {

  /** A listener that does nothing. */
  ReplayListener NONE = new ReplayListener() {};

  /** Called after every step with what the session did. */
  default void stepped(long step, SessionStep result) {}

  /** Called after every evaluation. */
  default void evaluated(Checkpoint checkpoint) {}

  /** A listener that tells {@code first}, then {@code second}. */
  static ReplayListener both(ReplayListener first, ReplayListener second) {
    return new ReplayListener() {
      @Override
      public void stepped(long step, SessionStep result) {
        first.stepped(step, result);
        second.stepped(step, result);
      }

      @Override
      public void evaluated(Checkpoint checkpoint) {
        first.evaluated(checkpoint);
        second.evaluated(checkpoint);
      }
    };
  }
}
