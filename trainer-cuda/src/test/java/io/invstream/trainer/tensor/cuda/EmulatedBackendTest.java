package io.invstream.trainer.tensor.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invstream.trainer.tensor.GemmProfiling.GemmTiming;
import io.invstream.trainer.tensor.GemmShape;
import io.invstream.trainer.tensor.Shape;
import io.invstream.trainer.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CUDA backend's own behaviour beyond the shared contract, on the emulated device. */
class EmulatedBackendTest {

  private CudaBackend backend;

  @BeforeEach
  void open() {
    Assumptions.assumeTrue(EmulatedAccelerator.library().isPresent(), "the kernel emulator was not built (g++ missing)");
    backend = new CudaBackend(EmulatedAccelerator.open());
  }

  @AfterEach
  void close() {
    if (backend != null) {
      backend.close();
    }
  }

  @Test
  void linearCombinationOfMoreRowsThanOneLaunchTakesEqualsTheSequentialFloatSum() {
    int e = 70;
    int n = 300;
    SplittableRandom random = new SplittableRandom(3);
    float[] g = new float[e * n];
    double[] c = new double[e];
    for (int i = 0; i < g.length; i++) {
      g[i] = (float) random.nextGaussian();
    }
    for (int r = 0; r < e; r++) {
      c[r] = random.nextDouble() - 0.5;
    }
    Tensor stacked = backend.allocate(Shape.of(e, n));
    backend.upload(g, stacked);
    Tensor out = backend.allocate(Shape.of(n));
    backend.linearCombination(c, stacked, out);
    float[] o = backend.download(out);
    for (int j = 0; j < n; j++) {
      float acc = 0f;
      for (int r = 0; r < e; r++) {
        acc += (float) c[r] * g[r * n + j];
      }
      assertThat(o[j]).isEqualTo(acc);
    }
  }

  @Test
  void tensorsCannotCrossBackends() {
    try (CudaBackend other = new CudaBackend(EmulatedAccelerator.open())) {
      Tensor foreign = other.allocate(Shape.of(3));
      assertThatThrownBy(() -> backend.fill(foreign, 1f)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("was not created by this CUDA backend");
    }
  }

  @Test
  void aClosedBackendRefusesWork() {
    Tensor t = backend.allocate(Shape.of(3));
    backend.close();
    assertThatThrownBy(() -> backend.scale(2f, t)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    backend = null;
  }

  @Test
  void transfersOutsideTheTensorAreRefusedBeforeAnyCopy() {
    Tensor t = backend.allocate(Shape.of(4));
    assertThatThrownBy(() -> backend.upload(new float[8], 0, t, 2, 3)).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("tensor[2..] of 4 elements");
    assertThatThrownBy(() -> backend.download(t, 0, new float[2], 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void countersCountAllocationsAndGemmsAndReplayLeavesThemAlone() {
    Tensor a = backend.allocate(Shape.of(4, 3));
    Tensor b = backend.allocate(Shape.of(3, 5));
    Tensor c = backend.allocate(Shape.of(4, 5));
    backend.recordGemmShapes(true);
    backend.gemm(false, false, 1f, a, b, 0f, c);
    backend.gemm(true, false, 1f, c, c, 0f, backend.allocate(Shape.of(5, 5)));
    backend.recordGemmShapes(false);
    assertThat(backend.recordedGemmShapes()).containsExactly(
        new GemmShape(false, false, 4, 5, 3), new GemmShape(true, false, 5, 5, 4));
    long flops = backend.counters().gemmFlops();
    assertThat(flops).isEqualTo(2 * 4 * 5 * 3 + 2 * 5 * 5 * 4);
    GemmTiming timing = backend.timeGemms(backend.recordedGemmShapes(), 3);
    assertThat(timing.flopsPerPass()).isEqualTo(flops);
    assertThat(timing.seamMillis()).isPositive();
    assertThat(timing.libraryMillis()).isPositive();
    assertThat(backend.counters().gemmFlops()).isEqualTo(flops);
    assertThat(backend.description()).startsWith("cuda host emulation of the CUDA kernels");
  }

  @Test
  void nonFiniteValuesPropagateAsOnTheCpu() {
    Tensor x = backend.allocate(Shape.of(1, 3));
    backend.upload(new float[] {Float.NaN, -0f, -2f}, x);
    Tensor bias = backend.allocate(Shape.of(3));
    backend.addBias(x, bias, true);
    float[] relu = backend.download(x);
    assertThat(relu[0]).isNaN();
    assertThat(Float.floatToRawIntBits(relu[1])).isZero(); // +0, as Java's Math.max(-0f, 0f)
    assertThat(relu[2]).isEqualTo(0f);
    Tensor stacked = backend.allocate(Shape.of(2, 2));
    backend.upload(new float[] {Float.NaN, 1, 1, 1}, stacked);
    Tensor out = backend.allocate(Shape.of(2));
    backend.andMask(stacked, 1f, out);
    assertThat(backend.download(out)[0]).isNaN();
    assertThat(backend.sumOfSquares(stacked)).isNaN();
  }

  @Test
  void gemmTimingOfNothingIsNotANumber() {
    assertThat(backend.timeGemms(List.of(), 5).seamMillis()).isNaN();
  }
}
