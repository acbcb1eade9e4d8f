package io.invstream.topology;

/**
 * What the balancer does when a batch is due (its maximum wait has passed, or a buffer is full) but
 * some environment has not filled its quota.
 */
public enum StarvationPolicy {
  /**
   * Never emit a batch without every active environment. Short environments contribute what they
   * have (reason {@code TIMEOUT}); an environment with nothing at all holds the batch until it sends
   * an example or is retired by the idle timeout, which therefore bounds the stall.
   */
  WAIT,
  /**
   * Top up every short environment's share from its reservoir of earlier examples (reason
   * {@code REPLAY}); replayed examples are flagged in the batch. Every step still sees every active
   * environment, and older data is rehearsed, which is what continual learning wants.
   */
  REPLAY,
  /**
   * Emit with the environments that have data (reason {@code PARTIAL}) and list the absent ones in
   * {@code missingEnvironments}: lowest latency, but some steps do not see every environment.
   */
  PARTIAL
}
