package io.invstream.trainer.tensor.cuda;

/**
 * The CPU backend's results of {@link KernelCases} and {@link StepScenarios}, committed under
 * {@code src/test/resources}, so a GPU machine (where ND4J's natives do not travel: see
 * docs/gpu.md) compares with the CPU without running it. {@link CpuFixturesTest} checks that the
 * CPU still produces them, and rewrites them with {@code -Dinvstream.fixtures.write=DIR}.
 */
final class AgreementFixtures {

  static final String KERNELS = "/io/invstream/trainer/tensor/cuda/cpu-kernels.txt";
  static final String STEPS = "/io/invstream/trainer/tensor/cuda/cpu-steps.txt";
  /** The bar for the GPU: 1e-4 relative in float32. */
  static final double GPU_TOLERANCE = 1e-4;
  /** Norms below these compare absolutely (a zero mask, a loss near zero). */
  static final double KERNEL_FLOOR = 1e-6;
  static final double STEP_FLOOR = 1e-3;

  private AgreementFixtures() {}
}
