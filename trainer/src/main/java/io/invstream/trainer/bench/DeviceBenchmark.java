package io.invstream.trainer.bench;

import io.invstream.trainer.algorithm.AlgorithmRegistry;
import io.invstream.trainer.tensor.BackendChoice;
import io.invstream.trainer.tensor.Device;
import io.invstream.trainer.tensor.TensorBackends;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code bench trainer} on a device: opens it, runs {@link TrainerBenchmark} there, and for a
 * non-CPU device also the CPU figures side by side (measured in the same process, or read from an
 * earlier CPU run's JSON line). Prints each run's table (and JSON line with {@code json}), then the
 * comparison; with {@code json} the last line is JSON.
 */
public final class DeviceBenchmark {

  private final PrintWriter out;
  private final PrintWriter err;

  public DeviceBenchmark(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  /**
   * Times {@code config} on {@code requested}.
   *
   * @param cpuBaseline file with an earlier CPU run's JSON line to compare with instead of running
   *     the CPU backend here, or null
   * @param compareWithCpu whether a non-CPU device's figures get CPU figures beside them
   * @throws IllegalStateException when {@code requested} is {@link Device#CUDA} and no GPU is usable
   */
  public void run(BenchmarkConfig config, Device requested, Path cpuBaseline, boolean compareWithCpu, boolean json) {
    CpuBaseline baseline = cpuBaseline == null ? null : CpuBaseline.read(cpuBaseline);
    BenchmarkResult result;
    Device device;
    try (BackendChoice choice = TensorBackends.choose(requested)) {
      err.println(choice.reason());
      err.flush();
      device = choice.device();
      result = new TrainerBenchmark(choice.backend(), AlgorithmRegistry.standard()).run(config);
    }
    print(result, json);
    if (device == Device.CPU || !compareWithCpu) {
      return;
    }
    CpuBaseline cpu = baseline != null ? baseline : measureCpu(config, json);
    if (cpu == null) {
      return;
    }
    DeviceComparison comparison = new DeviceComparison(device.flag(), result, cpu);
    out.print(comparison.toTable());
    if (json) {
      out.println(comparison.toJson());
    }
    out.flush();
  }

  private CpuBaseline measureCpu(BenchmarkConfig config, boolean json) {
    try (BackendChoice cpu = TensorBackends.choose(Device.CPU)) {
      BenchmarkResult result = new TrainerBenchmark(cpu.backend(), AlgorithmRegistry.standard()).run(config);
      print(result, json);
      return CpuBaseline.measured(result);
    } catch (IllegalStateException e) {
      err.println("no CPU figures side by side: " + e.getMessage() + " (give --cpu-baseline FILE with an earlier CPU run's --json output)");
      err.flush();
      return null;
    }
  }

  private void print(BenchmarkResult result, boolean json) {
    out.print(result.toTable());
    if (json) {
      out.println(result.toJson());
    }
    out.flush();
  }
}
