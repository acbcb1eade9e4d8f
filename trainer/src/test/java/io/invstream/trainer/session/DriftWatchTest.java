package io.invstream.trainer.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.drift.DetectorKind;
import io.invstream.drift.DriftEvent;
import io.invstream.drift.DriftLevel;
import io.invstream.drift.monitor.WindowConfig;
import io.invstream.schemas.Example;
import io.invstream.schemas.FeatureVectors;
import io.invstream.trainer.algorithm.AlgorithmRegistry;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.optim.AdamConfig;
import io.invstream.trainer.step.Trainer;
import io.invstream.trainer.step.TrainerConfig;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DriftWatchTest {

  /**
   * Default windows, 16 sampled examples per environment and batch: the reference (1000) fills in
   * 63 batches, then a window (500) closes about every 31. Smaller windows need higher PSI and
   * Wasserstein thresholds (see the drift README).
   */
  private static final DriftSettings SETTINGS = new DriftSettings(true, WindowConfig.defaults(), 16);
  private static final int WINDOW_BATCHES = 32;
  private static final int BATCH = 64;

  private final TrainingSession session = session(Set.of());
  private final DriftWatch watch = new DriftWatch(SETTINGS, 2, 2);
  private final DriftStream stream = new DriftStream(5);
  private long step;

  private static TrainingSession session(Set<String> heldOut) {
    SplittableRandom random = new SplittableRandom(3);
    Trainer trainer = Trainer.create(new Nd4jCpuBackend(), new Mlp(2, List.of(8), 2), AdamConfig.of(1e-2, 0),
        AlgorithmRegistry.standard().create("erm", Map.of(), random.split()), TrainerConfig.DEFAULTS, random);
    return new TrainingSession(trainer, new SessionConfig("m", "erm", heldOut, 10));
  }

  /** Trains on {@code batches} batches through {@code through}, observing each; returns the events. */
  private List<DriftEvent> run(TrainingSession through, int batches, double shiftB, boolean flipB) {
    List<DriftEvent> events = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      List<Example> examples = stream.batch(BATCH, shiftB, flipB);
      SessionStep trained = through.step("batch-" + ++step, examples);
      events.addAll(watch.observe(examples, trained, step));
    }
    return events;
  }

  @Test
  void aStationaryStreamWhileTheModelLearnsRaisesNoDrift() {
    List<DriftEvent> events = run(session, 300, 0, false);

    assertThat(session.trainAccuracy().get("a")).as("the model learnt").isGreaterThan(0.9);
    assertThat(events).filteredOn(e -> e.level() == DriftLevel.DRIFT).isEmpty();
    assertThat(watch.environments()).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void aShiftedFeatureIsReportedForItsEnvironmentOnlyWithinTwoWindows() {
    run(session, 150, 0, false);
    long shiftedAt = step + 1;

    List<DriftEvent> events = run(session, 2 * WINDOW_BATCHES, 2.0, false);

    List<DriftEvent> data = events.stream().filter(e -> e.kind().watchesFeatures() && e.level() == DriftLevel.DRIFT).toList();
    assertThat(data).extracting(DriftEvent::kind)
        .containsExactlyInAnyOrder(DetectorKind.PSI, DetectorKind.KS, DetectorKind.WASSERSTEIN);
    assertThat(data).allSatisfy(event -> {
      assertThat(event.environment()).isEqualTo("b");
      assertThat(event.featureIndex()).isEqualTo(1);
      assertThat(event.step() - shiftedAt).as("batches from the shift to the event").isLessThanOrEqualTo(2 * WINDOW_BATCHES);
    });
    assertThat(events).filteredOn(e -> e.environment().equals("a")).isEmpty();
    assertThat(watch.level("b", DetectorKind.KS)).isEqualTo(DriftLevel.DRIFT);
    assertThat(watch.level("a", DetectorKind.KS)).isEqualTo(DriftLevel.NONE);
  }

  /** Environment b is held out, so the model never trains on the flipped labels: only b's loss moves. */
  @Test
  void flippedLabelsRaiseConceptDriftOnTheLossWithoutDataDrift() {
    TrainingSession heldOutB = session(Set.of("b"));
    run(heldOutB, 200, 0, false);
    long flippedAt = step + 1;

    List<DriftEvent> events = run(heldOutB, 40, 0, true);

    assertThat(events).filteredOn(e -> e.kind().watchesFeatures()).isEmpty();
    assertThat(events).filteredOn(e -> e.level() == DriftLevel.DRIFT).extracting(DriftEvent::kind)
        .contains(DetectorKind.ADWIN, DetectorKind.PAGE_HINKLEY);
    assertThat(events).allSatisfy(event -> {
      assertThat(event.environment()).isEqualTo("b");
      assertThat(event.concernsLoss()).isTrue();
      assertThat(event.step()).isGreaterThanOrEqualTo(flippedAt);
    });
    assertThat(watch.level("a", DetectorKind.ADWIN)).isEqualTo(DriftLevel.NONE);
    assertThat(watch.level("a", DetectorKind.PAGE_HINKLEY)).isEqualTo(DriftLevel.NONE);
  }

  @Test
  void examplesTheModelCannotTakeAreSkippedRatherThanFailingTheBatch() {
    List<Example> examples = new ArrayList<>(stream.batch(4, 0, false));
    examples.add(Example.newBuilder(examples.get(0)).setId("nan").setFeatures(FeatureVectors.encode(new float[] {Float.NaN, 0f})).build());
    examples.add(Example.newBuilder(examples.get(0)).setId("wide").setFeatures(FeatureVectors.encode(new float[] {1f, 2f, 3f})).build());
    examples.add(Example.newBuilder(examples.get(0)).setId("label").setLabel(7).build());

    assertThat(watch.observe(examples, session.step("b-1", examples), 1)).isEmpty();
    assertThat(watch.environments()).containsExactlyInAnyOrder("a", "b");
  }
}
