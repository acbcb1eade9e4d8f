package io.invstream.trainer.tensor.cuda;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On a GPU: every kernel and full training steps of every algorithm agree with the CPU backend
 * (the committed fixtures) to 1e-4 relative in float32. Skips, saying why, without a usable GPU.
 */
class CudaAgreementTest {

  private static CudaBackend backend;

  @BeforeEach
  void open() {
    GpuAvailability.assumeGpu();
    if (backend == null) {
      backend = CudaBackend.open();
    }
  }

  @AfterAll
  static void close() {
    if (backend != null) {
      backend.close();
      backend = null;
    }
  }

  @Test
  void everyKernelAgreesWithTheCpu() {
    KernelCases.run(backend).assertAgreesWith(Outputs.read(AgreementFixtures.KERNELS), AgreementFixtures.GPU_TOLERANCE,
        AgreementFixtures.KERNEL_FLOOR, "CUDA kernels vs CPU");
  }

  @Test
  void trainingStepsOfEveryAlgorithmAgreeWithTheCpu() {
    StepScenarios.run(backend).assertAgreesWith(Outputs.read(AgreementFixtures.STEPS), AgreementFixtures.GPU_TOLERANCE,
        AgreementFixtures.STEP_FLOOR, "CUDA steps vs CPU");
  }
}
