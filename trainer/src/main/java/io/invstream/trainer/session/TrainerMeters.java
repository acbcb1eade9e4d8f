package io.invstream.trainer.session;

import io.invstream.schemas.EnvironmentMetrics;
import io.invstream.schemas.PairMetrics;
import io.invstream.schemas.TrainingMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Exposes each step's metrics as Micrometer meters named {@code invstream.trainer.*}, with the
 * environment, algorithm and metric as tags: loss and accuracy per environment (held-out ones
 * tagged {@code heldOut=true}), consistency metrics, pairwise gradient cosines, step outcomes and
 * the published model version.
 */
public final class TrainerMeters {

  private final MeterRegistry registry;
  private final Tags common;
  private final Map<Tags, double[]> gauges = new ConcurrentHashMap<>();
  private final AtomicLong modelVersion = new AtomicLong();

  public TrainerMeters(MeterRegistry registry, String modelName, String algorithm) {
    this.registry = registry;
    this.common = Tags.of("model", modelName, "algorithm", algorithm);
    Gauge.builder("invstream.trainer.model.version", modelVersion, AtomicLong::get)
        .description("Newest published model version").tags(common).register(registry);
  }

  /** Updates the meters from one step's published metrics. */
  public void record(TrainingMetrics metrics, String outcome) {
    Counter.builder("invstream.trainer.steps").description("Training steps by outcome")
        .tags(common).tag("outcome", outcome).register(registry).increment();
    for (EnvironmentMetrics env : metrics.getEnvironments()) {
      Tags tags = common.and("environment", env.getEnvironment(), "heldOut", Boolean.toString(env.getHeldOut()));
      set("invstream.trainer.loss", "Mean cross-entropy of the latest batch, before the update", tags, env.getLoss());
      set("invstream.trainer.accuracy", "Accuracy on the latest batch, before the update (prequential)", tags, env.getAccuracy());
      Counter.builder("invstream.trainer.examples").description("Examples seen by the trainer").tags(tags)
          .register(registry).increment(env.getExamples());
    }
    metrics.getConsistency().forEach((name, value) ->
        set("invstream.trainer.consistency", "Agreement of the environments' gradients and algorithm penalties",
            common.and("metric", name), value));
    for (PairMetrics pair : metrics.getPairs()) {
      set("invstream.trainer.gradient.cosine", "Cosine similarity of two environments' gradients",
          common.and("first", pair.getFirst(), "second", pair.getSecond()), pair.getCosine());
    }
  }

  /** Raises an alert of the given kind, e.g. {@code rollback}: counted in {@code invstream.trainer.alerts}. */
  public void alert(String kind) {
    Counter.builder("invstream.trainer.alerts").description("Trainer alerts, e.g. rollbacks after repeated non-finite steps")
        .tags(common).tag("kind", kind).register(registry).increment();
  }

  /** Records a newly published model version. */
  public void published(long version) {
    modelVersion.accumulateAndGet(version, Math::max);
  }

  private void set(String name, String description, Tags tags, double value) {
    double[] holder = gauges.computeIfAbsent(Tags.of(tags).and("meter", name), key -> {
      double[] cell = new double[] {Double.NaN};
      Gauge.builder(name, cell, c -> c[0]).description(description).tags(tags).register(registry);
      return cell;
    });
    holder[0] = value;
  }
}
