package io.invstream.ingest.synthetic;

import io.invstream.datasets.synthetic.SpiralTask;
import io.invstream.ingest.producer.ExampleProducer;
import io.invstream.schemas.Example;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Produces the synthetic task's examples round-robin over environments at a steady total rate.
 *
 * <p>Example ids are {@code <environment>-<run>-<sequence>}: unique across restarts (the run id
 * differs), and the same seed reproduces the same examples.
 */
public final class SyntheticIngest {

  private final SpiralTask task;
  private final List<String> environments;
  private final ExampleProducer producer;
  private final String runId;
  private final SplittableRandom random;
  private final Optional<DriftInjection> drift;

  /**
   * @param environments which of the task's environments to produce (training and/or held-out)
   * @param runId distinguishes the ids of separate runs
   */
  public SyntheticIngest(SpiralTask task, List<String> environments, ExampleProducer producer, String runId, long seed) {
    this(task, environments, producer, runId, seed, Optional.empty());
  }

  /** As above, with a deliberate change to one environment from some moment on. */
  public SyntheticIngest(SpiralTask task, List<String> environments, ExampleProducer producer, String runId, long seed,
      Optional<DriftInjection> drift) {
    this.task = task;
    this.environments = List.copyOf(environments);
    this.producer = producer;
    this.runId = runId;
    this.random = new SplittableRandom(seed);
    this.drift = drift;
    drift.ifPresent(d -> {
      if (!this.environments.contains(d.environment())) {
        throw new IllegalArgumentException("Cannot inject drift into '" + d.environment() + "': this source produces "
            + this.environments);
      }
    });
  }

  /**
   * Produces until {@code count} examples were sent (0 = no limit) or {@code keepGoing} turns false.
   *
   * @param examplesPerSecond total rate over all environments; 0 = as fast as possible
   * @return examples sent
   */
  public long run(long count, double examplesPerSecond, BooleanSupplier keepGoing) {
    Pacer pacer = new Pacer(examplesPerSecond);
    long start = System.nanoTime();
    long sent = 0;
    while ((count <= 0 || sent < count) && keepGoing.getAsBoolean()) {
      pacer.awaitTurn(sent);
      String environment = environments.get((int) (sent % environments.size()));
      long sequence = sent / environments.size();
      Example example = task.draw(environment, environment + "-" + runId + "-" + sequence, Instant.now(), random);
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      if (drift.isPresent() && drift.get().appliesTo(environment, elapsed)) {
        example = drift.get().apply(example);
      }
      producer.send(example);
      sent++;
    }
    producer.flush();
    return sent;
  }
}
