package io.invstream.core.deadletter;

import io.invstream.schemas.validation.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts dead letters as {@code invstream.dead.letters} tagged by stage and reason. */
public final class DeadLetterCounter {

  public static final String METER = "invstream.dead.letters";

  private final MeterRegistry registry;
  private final String stage;

  public DeadLetterCounter(MeterRegistry registry, String stage) {
    this.registry = registry;
    this.stage = stage;
  }

  public void increment(RejectReason reason) {
    increment(reason.name());
  }

  /** Counts one dead letter with a reason code from any stage's vocabulary. */
  public void increment(String reasonCode) {
    Counter.builder(METER).description("Records sent to the dead-letter topic")
        .tag("stage", stage).tag("reason", reasonCode).register(registry).increment();
  }
}
