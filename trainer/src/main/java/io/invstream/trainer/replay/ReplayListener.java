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
}
