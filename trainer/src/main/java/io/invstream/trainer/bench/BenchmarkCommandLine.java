package io.invstream.trainer.bench;

import io.invstream.trainer.algorithm.AlgorithmRegistry;
import io.invstream.trainer.tensor.BackendChoice;
import io.invstream.trainer.tensor.Device;
import io.invstream.trainer.tensor.TensorBackends;
import java.io.PrintWriter;

/**
 * {@code bench trainer} from arguments to printed figures: opens the device ({@link DeviceFlags}),
 * runs {@link TrainerBenchmark} on it, and for a non-CPU device also the CPU figures side by side
 * (measured here, or a baseline file). Prints each run's table (and JSON line with {@code --json}),
 * then the comparison; the last line is JSON with {@code --json}.
 */
public final class BenchmarkCommandLine {

  private final PrintWriter out;
  private final PrintWriter err;

  public BenchmarkCommandLine(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  /** Runs the benchmark the arguments describe; throws {@link IllegalArgumentException} on bad flags. */
  public void run(String[] args) {
    DeviceFlags flags = DeviceFlags.parse(args);
    BenchmarkConfig config = BenchmarkArguments.parse(flags.rest(), BenchmarkConfig.DEFAULTS);
    boolean json = BenchmarkArguments.wantsJson(flags.rest());
    CpuBaseline baseline = flags.cpuBaseline() == null ? null : CpuBaseline.read(flags.cpuBaseline());
    BenchmarkResult result;
    Device device;
    try (BackendChoice choice = TensorBackends.choose(flags.device())) {
      err.println(choice.reason());
      err.flush();
      device = choice.device();
      result = new TrainerBenchmark(choice.backend(), AlgorithmRegistry.standard()).run(config);
    }
    print(result, json);
    if (device == Device.CPU || !flags.compareWithCpu()) {
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
