package io.invstream.topology.metrics;

import io.invstream.core.deadletter.DeadLetterCounter;
import io.invstream.core.validation.RejectReason;
import io.invstream.schemas.BatchReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The balancer's meters, under {@code invstream.balancer.*} with an {@code environment} tag where
 * one applies. One instance serves every task of a Kafka Streams instance: gauges add up the tasks.
 * Meters appear in each registry it is {@linkplain #bindTo bound to} (bind before the topology starts:
 * counts made while unbound go nowhere), so an unbound instance is a discarding one.
 *
 * <ul>
 *   <li>{@code invstream.balancer.batches} (counter, tag {@code reason}): batches emitted by reason;</li>
 *   <li>{@code invstream.balancer.examples} (counter, tags {@code environment}, {@code source=fresh|replayed});</li>
 *   <li>{@code invstream.balancer.buffered} (gauge): examples waiting in this instance's buffers;</li>
 *   <li>{@code invstream.balancer.lag} (gauge, ms): wall clock minus the event time of the newest example seen
 *       (published at each punctuation, so at most one tick stale);</li>
 *   <li>{@code invstream.balancer.late} (counter): examples older than stream time minus grace;</li>
 *   <li>{@code invstream.balancer.dropped} (counter, tag {@code reason=LATE|OVERFLOW}): valid examples not batched (all dead-lettered);</li>
 *   <li>{@code invstream.balancer.environments.active} (gauge): active environments summed over tasks;</li>
 *   <li>{@code invstream.balancer.environments.joined} / {@code .retired} (counters);</li>
 *   <li>{@code invstream.dead.letters} (counter, tags {@code stage=balancer}, {@code reason}).</li>
 * </ul>
 */
public final class BalancerMetrics implements MeterBinder {

  public static final String PREFIX = "invstream.balancer.";

  private final CompositeMeterRegistry meters = new CompositeMeterRegistry();
  private final Clock clock;
  private final DeadLetterCounter deadLetters = new DeadLetterCounter(meters, "balancer");
  private final Map<String, AtomicLong> buffered = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> newestEventTime = new ConcurrentHashMap<>();
  private final AtomicLong activeEnvironments = new AtomicLong();

  /** Meters bound to no registry yet; {@code clock} is the wall clock of the lag gauge. */
  public BalancerMetrics(Clock clock) {
    this.clock = clock;
    Gauge.builder(PREFIX + "environments.active", activeEnvironments, AtomicLong::get)
        .description("Active environments, summed over this instance's tasks").register(meters);
  }

  /** Adds {@code registry} to those these meters report to; meters created earlier appear in it too. */
  @Override
  public void bindTo(MeterRegistry registry) {
    meters.add(registry);
  }

  public void batch(BatchReason reason) {
    Counter.builder(PREFIX + "batches").description("Batches emitted, by why they were cut").tag("reason", reason.name())
        .register(meters).increment();
  }

  public void examples(String environment, boolean replayed, int count) {
    Counter.builder(PREFIX + "examples").description("Examples placed in batches").tag("environment", environment)
        .tag("source", replayed ? "replayed" : "fresh").register(meters).increment(count);
  }

  public void buffered(String environment, long delta) {
    buffered.computeIfAbsent(environment, name -> {
      AtomicLong value = new AtomicLong();
      Gauge.builder(PREFIX + "buffered", value, AtomicLong::get).description("Examples waiting for a batch")
          .tag("environment", name).register(meters);
      return value;
    }).addAndGet(delta);
  }

  public void seen(String environment, long eventTime) {
    if (eventTime == Long.MIN_VALUE) {
      return;
    }
    newestEventTime.computeIfAbsent(environment, name -> {
      AtomicLong value = new AtomicLong(Long.MIN_VALUE);
      Gauge.builder(PREFIX + "lag", value, newest -> newest.get() == Long.MIN_VALUE ? Double.NaN : clock.millis() - newest.get())
          .description("Wall clock minus the newest event time seen").baseUnit("milliseconds").tag("environment", name)
          .register(meters);
      return value;
    }).accumulateAndGet(eventTime, Math::max);
  }

  public void late(String environment) {
    Counter.builder(PREFIX + "late").description("Examples older than stream time minus grace")
        .tag("environment", environment).register(meters).increment();
  }

  public void dropped(String environment, RejectReason reason) {
    Counter.builder(PREFIX + "dropped").description("Valid examples not batched (sent to the dead-letter topic)")
        .tag("environment", environment).tag("reason", reason.name()).register(meters).increment();
  }

  public void deadLetter(RejectReason reason) {
    deadLetters.increment(reason);
  }

  public void joined(String environment) {
    activeEnvironments.incrementAndGet();
    Counter.builder(PREFIX + "environments.joined").tag("environment", environment).register(meters).increment();
  }

  public void retired(String environment) {
    activeEnvironments.decrementAndGet();
    Counter.builder(PREFIX + "environments.retired").tag("environment", environment).register(meters).increment();
  }

  /** A task closed: its active environments no longer count here. */
  public void released(int active) {
    activeEnvironments.addAndGet(-active);
  }

  /** A task opened with environments restored from its state. */
  public void restored(int active) {
    activeEnvironments.addAndGet(active);
  }
}
