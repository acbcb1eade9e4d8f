package io.invstream.ingest.synthetic;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps a loop at a target rate by sleeping, never spinning: on 2 cores a spinning producer would
 * take a whole core from the broker and the trainer.
 */
final class Pacer {

  private final double perSecond;
  private final long start = System.nanoTime();

  /** @param perSecond target events per second; 0 or less means unpaced */
  Pacer(double perSecond) {
    this.perSecond = perSecond;
  }

  /** Sleeps until event number {@code done} is due. */
  void awaitTurn(long done) {
    if (perSecond <= 0) {
      return;
    }
    long due = start + (long) (done / perSecond * TimeUnit.SECONDS.toNanos(1));
    long wait = due - System.nanoTime();
    if (wait > 200_000) {
      LockSupport.parkNanos(wait);
    }
  }
}
