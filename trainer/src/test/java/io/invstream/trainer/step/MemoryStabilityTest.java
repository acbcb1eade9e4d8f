package io.invstream.trainer.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.trainer.algorithm.AndMask;
import io.invstream.trainer.algorithm.AndMaskHyperparameters;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.optim.AdamConfig;
import io.invstream.trainer.tensor.BackendCounters;
import io.invstream.trainer.tensor.TensorBackend;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Thousands of steps must not grow native memory: ND4J frees off-heap buffers only when the GC
 * runs, so a loop that allocated per step grew to gigabytes in earlier experiments. Measures
 * resident memory minus the committed Java heap (heap growth is the JVM's business), and the
 * backend's allocation counter.
 */
class MemoryStabilityTest {

  private static final int STEPS = 2_000;

  @Test
  void twoThousandStepsKeepNativeMemoryFlat() throws IOException {
    TensorBackend backend = new Nd4jCpuBackend();
    Trainer t = Trainer.create(backend, new Mlp(196, List.of(128), 10), AdamConfig.DEFAULTS,
        new AndMask(AndMaskHyperparameters.DEFAULTS), TrainerConfig.DEFAULTS, new SplittableRandom(1));
    List<TrainingBatch> batches = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(2);
    for (int i = 0; i < 8; i++) {
      batches.add(Fixtures.batch(196, 10, random.nextLong(), 32, 32 - i, 24 + i));
    }
    for (int i = 0; i < 200; i++) {
      t.step(batches.get(i % batches.size()));
    }
    long nativeBefore = nativeResidentBytes();
    BackendCounters countersBefore = backend.counters();
    for (int i = 0; i < STEPS; i++) {
      t.step(batches.get(i % batches.size()));
    }
    long growth = nativeResidentBytes() - nativeBefore;
    assertThat(backend.counters().since(countersBefore).allocatedBytes()).isZero();
    // One leaked gradient-sized buffer per step would be 2,000 × 100 KB = 200 MB.
    assertThat(growth).as("native resident growth over %d steps", STEPS).isLessThan(32L << 20);
  }

  private static long nativeResidentBytes() throws IOException {
    long rssKb = Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(l -> l.startsWith("VmRSS:"))
        .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
        .findFirst()
        .orElseThrow();
    long heapCommitted = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    return rssKb * 1024 - heapCommitted;
  }
}
