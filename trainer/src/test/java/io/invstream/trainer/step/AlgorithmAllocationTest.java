package io.invstream.trainer.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.trainer.algorithm.AlgorithmRegistry;
import io.invstream.trainer.model.Cnn;
import io.invstream.trainer.optim.AdamConfig;
import io.invstream.trainer.tensor.BackendCounters;
import io.invstream.trainer.tensor.TensorBackend;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Once warmed up (and, for rrr-ensemble, past a member switch), a step of the algorithms with
 * extra passes allocates no backend tensors: their clones, tapes, stacks and masks are reused.
 */
class AlgorithmAllocationTest {

  private static final TensorBackend BACKEND = new Nd4jCpuBackend();

  @ParameterizedTest
  @ValueSource(strings = {"fish", "rrr", "rrr-ensemble"})
  void steadyStepsAllocateNoTensors(String name) {
    Cnn spec = new Cnn(1, 8, 8, 2, 3, 3);
    Trainer t = Trainer.create(BACKEND, spec, AdamConfig.DEFAULTS,
        AlgorithmRegistry.standard().create(name, name.equals("rrr-ensemble")
            ? Map.of("members", "2", "updatesPerMember", "2", "lambda", "0.1") : Map.of(), new SplittableRandom(1)),
        TrainerConfig.DEFAULTS, new SplittableRandom(2));
    SplittableRandom data = new SplittableRandom(3);
    TrainingBatch[] batches = new TrainingBatch[3];
    for (int i = 0; i < batches.length; i++) {
      batches[i] = RrrTest.annotatedBatch(spec.inputs(), spec.classes(), data.nextLong());
    }
    for (int i = 0; i < 4; i++) {
      t.step(batches[i % 3]);
    }
    BackendCounters before = BACKEND.counters();
    for (int i = 0; i < 6; i++) {
      assertThat(t.step(batches[i % 3]).applied()).isTrue();
    }
    assertThat(BACKEND.counters().since(before).allocations()).isZero();
  }
}
