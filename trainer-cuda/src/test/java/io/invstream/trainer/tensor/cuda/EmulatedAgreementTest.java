package io.invstream.trainer.tensor.cuda;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every kernel and full training steps of every algorithm on the emulated CUDA backend agree with
 * the CPU backend's (the committed fixtures) to 1e-4 relative, the bar the GPU must meet in
 * {@link CudaAgreementTest}. The emulator's GEMM sums in another order than OpenBLAS, so this also
 * shows the comparison tolerates float32 reordering.
 */
class EmulatedAgreementTest {

  private static CudaBackend backend;

  @BeforeAll
  static void open() {
    Assumptions.assumeTrue(EmulatedAccelerator.library().isPresent(), "the kernel emulator was not built (g++ missing)");
    backend = new CudaBackend(EmulatedAccelerator.open());
  }

  @AfterAll
  static void close() {
    if (backend != null) {
      backend.close();
    }
  }

  @Test
  void everyKernelAgreesWithTheCpu() {
    KernelCases.run(backend).assertAgreesWith(Outputs.read(AgreementFixtures.KERNELS), AgreementFixtures.GPU_TOLERANCE,
        AgreementFixtures.KERNEL_FLOOR, "emulated CUDA kernels vs CPU");
  }

  @Test
  void trainingStepsOfEveryAlgorithmAgreeWithTheCpu() {
    StepScenarios.run(backend).assertAgreesWith(Outputs.read(AgreementFixtures.STEPS), AgreementFixtures.GPU_TOLERANCE,
        AgreementFixtures.STEP_FLOOR, "emulated CUDA steps vs CPU");
  }
}
