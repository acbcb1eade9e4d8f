package io.invstream.app.bench;

import java.time.Duration;
import java.util.List;

/**
 * The shape of one end-to-end run.
 *
 * @param rates producer rates to step through, examples/s over all environments, ascending
 * @param stepDuration how long each rate is held
 * @param warmup time at the first rate before measuring (JIT, topic creation, first model)
 * @param maxBacklog a step kept up if, when it ended, the examples not yet covered by a served
 *     model were at most this much production at its rate
 * @param drainTimeout longest wait after the last step for the served model to cover what was produced
 * @param examplesPerEnvironment the balancer's k
 * @param publishEvery the trainer commits and publishes a model at least this often
 * @param publishEverySteps ... or after this many steps, whichever comes first
 */
record E2eSettings(List<Integer> rates, Duration stepDuration, Duration warmup, Duration maxBacklog, Duration drainTimeout,
    int examplesPerEnvironment, Duration publishEvery, int publishEverySteps) {

  E2eSettings {
    rates = List.copyOf(rates);
    if (rates.isEmpty() || rates.stream().anyMatch(rate -> rate <= 0)) {
      throw new IllegalArgumentException("--rates needs at least one positive rate, e.g. 5000,10000,20000,40000");
    }
    for (int i = 1; i < rates.size(); i++) {
      if (rates.get(i) <= rates.get(i - 1)) {
        throw new IllegalArgumentException("--rates must ascend, got " + rates);
      }
    }
    if (stepDuration.isNegative() || stepDuration.isZero() || warmup.isNegative() || maxBacklog.isNegative()
        || drainTimeout.isNegative() || publishEvery.isNegative() || publishEvery.isZero()) {
      throw new IllegalArgumentException("durations must be positive (warm-up, backlog and drain may be 0)");
    }
    if (examplesPerEnvironment < 1 || publishEverySteps < 1) {
      throw new IllegalArgumentException("--k and --publish-every-steps must be at least 1");
    }
  }
}
