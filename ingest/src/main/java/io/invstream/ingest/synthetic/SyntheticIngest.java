package io.invstream.ingest.synthetic;

import io.invstream.datasets.synthetic.SpiralTask;
import io.invstream.ingest.producer.ExampleProducer;
import java.time.Instant;
import java.util.List;
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

  /**
   * @param environments which of the task's environments to produce (training and/or held-out)
   * @param runId distinguishes the ids of separate runs
   */
  public SyntheticIngest(SpiralTask task, List<String> environments, ExampleProducer producer, String runId, long seed) {
    this.task = task;
    this.environments = List.copyOf(environments);
    this.producer = producer;
    this.runId = runId;
    this.random = new SplittableRandom(seed);
  }

  /**
   * Produces until {@code count} examples were sent (0 = no limit) or {@code keepGoing} turns false.
   *
   * @param examplesPerSecond total rate over all environments; 0 = as fast as possible
   * @return examples sent
   */
  public long run(long count, double examplesPerSecond, BooleanSupplier keepGoing) {
    Pacer pacer = new Pacer(examplesPerSecond);
    long sent = 0;
    while ((count <= 0 || sent < count) && keepGoing.getAsBoolean()) {
      pacer.awaitTurn(sent);
      String environment = environments.get((int) (sent % environments.size()));
      long sequence = sent / environments.size();
      producer.send(task.draw(environment, environment + "-" + runId + "-" + sequence, Instant.now(), random));
      sent++;
    }
    producer.flush();
    return sent;
  }
}
