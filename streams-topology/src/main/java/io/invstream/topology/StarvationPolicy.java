package io.invstream.topology;

/**
 * What the balancer does when some active environment has not filled its quota. Every policy cuts a
 * FULL batch as soon as every active environment has its quota; they differ in how long they wait for
 * the others and in what a batch that is cut anyway holds. A batch is <em>due</em> once the maximum
 * wait has passed since it opened, or at once when an example arrives for a full buffer; an
 * environment with nothing to give is then listed in {@code missingEnvironments}. A batch needs at
 * least {@code minEnvironments} contributing environments under every policy: only when a full
 * buffer cannot be cut for that reason is its oldest example shed (dead letter {@code OVERFLOW}).
 */
public enum StarvationPolicy {
  /**
   * Wait for every active environment until the batch is due, then emit what is there (reason
   * {@code TIMEOUT}): short environments contribute what they have, environments with nothing are
   * listed missing. A quiet environment delays batches by at most the maximum wait (plus one
   * punctuation tick); it never stalls them. Batches hold only fresh data.
   */
  WAIT,
  /**
   * Like {@link #WAIT}, but when the batch is due every short environment's share is topped up from
   * its reservoir of earlier examples (reason {@code REPLAY}); replayed examples are flagged in the
   * batch. Every step sees every active environment, and older data is rehearsed, which is what
   * continual learning wants. An environment with an empty reservoir (with class balance: a class it
   * never sent) stays short.
   */
  REPLAY,
  /**
   * Lowest latency: environments with nothing buffered are not waited for. A batch is cut as soon as
   * every environment that has data has filled its quota, the empty ones listed missing (reason
   * {@code PARTIAL}); an environment that is short but not empty is waited for until the batch is due,
   * which then behaves like {@link #WAIT} (reason {@code PARTIAL} when an environment is missing).
   */
  PARTIAL
}
