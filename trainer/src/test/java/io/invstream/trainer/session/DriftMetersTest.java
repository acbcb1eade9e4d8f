package io.invstream.trainer.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.drift.DetectorKind;
import io.invstream.drift.DriftEvent;
import io.invstream.drift.DriftLevel;
import io.invstream.drift.monitor.WindowConfig;
import io.invstream.schemas.DriftDetector;
import io.invstream.schemas.DriftSeverity;
import io.invstream.trainer.algorithm.AlgorithmRegistry;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.optim.AdamConfig;
import io.invstream.trainer.step.Trainer;
import io.invstream.trainer.step.TrainerConfig;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DriftMetersTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final DriftMeters meters = new DriftMeters(registry, "m");

  @Test
  void eventsAreCountedByEnvironmentDetectorAndLevel() {
    meters.record(new DriftEvent("b", 1, DetectorKind.KS, DriftLevel.WARNING, 0.2, 0.1, 5, 0));
    meters.record(new DriftEvent("b", 1, DetectorKind.KS, DriftLevel.DRIFT, 0.3, 0.2, 9, 0));
    meters.record(new DriftEvent("b", DriftEvent.LOSS, DetectorKind.PAGE_HINKLEY, DriftLevel.DRIFT, 60, 50, 9, 0));

    assertThat(registry.get("invstream.drift.events").tags("model", "m", "environment", "b", "detector", "ks", "level", "drift")
        .counter().count()).isEqualTo(1);
    assertThat(registry.get("invstream.drift.events").tags("detector", "ks").counters()).hasSize(2);
    assertThat(registry.get("invstream.drift.events").tags("detector", "page_hinkley", "level", "drift").counter().count()).isEqualTo(1);
  }

  @Test
  void levelGaugesFollowTheWatchIncludingTheReturnToNone() {
    SplittableRandom random = new SplittableRandom(1);
    Trainer trainer = Trainer.create(new Nd4jCpuBackend(), new Mlp(2, List.of(4), 2), AdamConfig.of(1e-2, 0),
        AlgorithmRegistry.standard().create("erm", Map.of(), random.split()), TrainerConfig.DEFAULTS, random);
    TrainingSession session = new TrainingSession(trainer, new SessionConfig("m", "erm", java.util.Set.of(), 10));
    DriftWatch watch = new DriftWatch(new DriftSettings(true, WindowConfig.defaults(), 16), 2, 2);
    DriftStream stream = new DriftStream(2);
    long step = 0;
    for (; step < 100; step++) {
      java.util.List<io.invstream.schemas.Example> batch = stream.batch(64, 0, false);
      watch.observe(batch, session.step("b", batch), step);
    }
    meters.levels(watch);
    double before = gauge("b", "ks");
    while (watch.level("b", DetectorKind.KS) != DriftLevel.DRIFT) {
      java.util.List<io.invstream.schemas.Example> batch = stream.batch(64, 3, false);
      watch.observe(batch, session.step("b", batch), step++);
    }
    meters.levels(watch);
    double during = gauge("b", "ks");

    assertThat(before).isZero();
    assertThat(during).isEqualTo(2);
    assertThat(gauge("a", "ks")).isZero();
    assertThat(registry.get("invstream.drift.level").gauges()).as("5 detectors × 2 environments").hasSize(10);
  }

  @Test
  void theMessageNamesTheFeatureOrNoneForTheLoss() {
    Instant now = Instant.ofEpochMilli(5_000);
    io.invstream.schemas.DriftEvent data =
        DriftRecords.of("m", new DriftEvent("b", 1, DetectorKind.WASSERSTEIN, DriftLevel.DRIFT, 0.4, 0.3, 12, 1_000), 3, now);
    io.invstream.schemas.DriftEvent concept =
        DriftRecords.of("m", new DriftEvent("b", DriftEvent.LOSS, DetectorKind.ADWIN, DriftLevel.WARNING, 0.2, 0.1, 12, 1_000), 3, now);

    assertThat(data.getFeatureIndex()).isEqualTo(1);
    assertThat(data.getDetector()).isEqualTo(DriftDetector.WASSERSTEIN);
    assertThat(data.getLevel()).isEqualTo(DriftSeverity.DRIFT);
    assertThat(data.getEventTime()).isEqualTo(Instant.ofEpochMilli(1_000));
    assertThat(data.getDetectedAt()).isEqualTo(now);
    assertThat(data.getModelVersion()).isEqualTo(3);
    assertThat(concept.getFeatureIndex()).isNull();
    assertThat(concept.getDetector()).isEqualTo(DriftDetector.ADWIN);
    assertThat(concept.getLevel()).isEqualTo(DriftSeverity.WARNING);
  }

  private double gauge(String environment, String detector) {
    return registry.get("invstream.drift.level").tags("environment", environment, "detector", detector).gauge().value();
  }
}
