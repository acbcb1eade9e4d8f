package io.invstream.trainer.tensor.cuda;

import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed CPU fixtures are what the CPU backend produces today (to 1e-6: OpenBLAS's kernel
 * choice may differ between CPUs). With {@code -Dinvstream.fixtures.write=src/test/resources}
 * (relative to this module) it rewrites them instead: after a deliberate change of the CPU
 * kernels or of the cases.
 */
class CpuFixturesTest {

  private static final String WRITE = System.getProperty("invstream.fixtures.write");

  @Test
  void kernelCases() {
    Nd4jCpuBackend cpu = new Nd4jCpuBackend();
    Outputs outputs = KernelCases.run(cpu);
    if (WRITE != null) {
      outputs.write(Path.of(WRITE + AgreementFixtures.KERNELS), "KernelCases on " + cpu.description()
          + "\nwritten by CpuFixturesTest (-Dinvstream.fixtures.write); name, count, base64 little-endian float32");
      return;
    }
    outputs.assertAgreesWith(Outputs.read(AgreementFixtures.KERNELS), 1e-6, AgreementFixtures.KERNEL_FLOOR, "CPU kernels");
  }

  @Test
  void stepScenarios() {
    Nd4jCpuBackend cpu = new Nd4jCpuBackend();
    Outputs outputs = StepScenarios.run(cpu);
    if (WRITE != null) {
      outputs.write(Path.of(WRITE + AgreementFixtures.STEPS), "StepScenarios (" + StepScenarios.STEPS + " steps each) on "
          + cpu.description() + "\nwritten by CpuFixturesTest (-Dinvstream.fixtures.write); name, count, base64 little-endian float32");
      return;
    }
    outputs.assertAgreesWith(Outputs.read(AgreementFixtures.STEPS), 1e-6, AgreementFixtures.STEP_FLOOR, "CPU steps");
  }
}
