package io.invstream.trainer.bench;

import io.invstream.trainer.tensor.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's device flags, taken out of the argument list before {@link BenchmarkArguments}
 * reads the rest: {@code --device cpu|cuda|auto} (cpu), {@code --cpu-baseline FILE} (compare with
 * the CPU figures of an earlier {@code --json} run instead of running the CPU backend here) and
 * {@code --no-cpu-comparison}. When the chosen device is not the CPU, the CPU backend runs the same
 * configuration in the same process, side by side, unless one of the last two flags says otherwise.
 *
 * @param device the device asked for
 * @param cpuBaseline file with an earlier CPU run's JSON line, or null
 * @param compareWithCpu whether to show CPU figures next to a non-CPU device's
 * @param rest the other arguments, in order
 */
record DeviceFlags(Device device, Path cpuBaseline, boolean compareWithCpu, String[] rest) {

  static DeviceFlags parse(String[] args) {
    Device device = Device.CPU;
    Path baseline = null;
    boolean compare = true;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--device" -> device = Device.parse(value(args, i++));
        case "--cpu-baseline" -> baseline = Path.of(value(args, i++));
        case "--no-cpu-comparison" -> compare = false;
        default -> rest.add(args[i]);
      }
    }
    return new DeviceFlags(device, baseline, compare, rest.toArray(String[]::new));
  }

  private static String value(String[] args, int flagIndex) {
    if (flagIndex + 1 >= args.length) {
      throw new IllegalArgumentException("flag " + args[flagIndex] + " needs a value");
    }
    return args[flagIndex + 1];
  }
}
