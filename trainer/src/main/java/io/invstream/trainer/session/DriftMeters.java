package io.invstream.trainer.session;

import io.invstream.drift.DetectorKind;
import io.invstream.drift.DriftEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drift as Micrometer meters: {@code invstream.drift.events} counts level changes by environment,
 * detector and level; {@code invstream.drift.level} is each environment's and detector's current
 * level (0 none, 1 warning, 2 drift, the most severe over a detector's features), which also shows
 * the return to normal that events never report. Tag values are lower case ({@code page_hinkley},
 * {@code drift}).
 */
public final class DriftMeters {

  private final MeterRegistry registry;
  private final Tags common;
  private final Map<Tags, AtomicInteger> levels = new ConcurrentHashMap<>();

  public DriftMeters(MeterRegistry registry, String modelName) {
    this.registry = registry;
    this.common = Tags.of("model", modelName);
  }

  /** Counts one event. */
  public void record(DriftEvent event) {
    Counter.builder("invstream.drift.events").description("Drift detectors' changes of level to warning or drift")
        .tags(common).tag("environment", event.environment()).tag("detector", name(event.kind()))
        .tag("level", event.level().name().toLowerCase(Locale.ROOT)).register(registry).increment();
  }

  /** Sets every level gauge from the watch's current levels. */
  public void levels(DriftWatch watch) {
    for (String environment : watch.environments()) {
      for (DetectorKind kind : DetectorKind.values()) {
        Tags tags = common.and("environment", environment, "detector", name(kind));
        levels.computeIfAbsent(tags, key -> {
          AtomicInteger cell = new AtomicInteger();
          Gauge.builder("invstream.drift.level", cell, AtomicInteger::get)
              .description("Current drift level: 0 none, 1 warning, 2 drift").tags(key).register(registry);
          return cell;
        }).set(watch.level(environment, kind).ordinal());
      }
    }
  }

  private static String name(DetectorKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
