package io.invstream.app.bench;

import io.invstream.trainer.bench.BenchmarkCommandLine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code invstream bench trainer}: one training step per algorithm, timed side by side; with
 * {@code --device cuda|auto} on the GPU, next to the CPU backend in the same run. The flags are
 * the trainer benchmark's own ({@link BenchmarkCommandLine}), passed through.
 */
@Command(name = "trainer", mixinStandardHelpOptions = true,
    description = {"Time one training step per algorithm side by side (ms/step, × ERM, GEMM GFLOP/s).",
        "Flags: --device cpu|cuda|auto (a non-CPU device runs next to the CPU in the same run; --cpu-baseline FILE",
        "compares with an earlier CPU run's --json line instead, --no-cpu-comparison skips it), --algorithms a,b,",
        "--hp algorithm.key=value, --warmup n, --iterations n, --seed n, --environments n, --examples n,",
        "--model logistic|mlp|cnn, --inputs n, --classes k, --hidden 1024,1024, --image CxHxW, --filters 8,16,",
        "--optimizer adam|sgd, --lr x, --weight-decay x, --momentum x, --cores n, --core-gflops x, --json.",
        "The issue's GPU shape: --device cuda --hidden 1024,1024 --environments 3 --examples 256."})
public final class TrainerBenchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Unmatched List<String> arguments = new ArrayList<>();

  @Override
  public Integer call() {
    new BenchmarkCommandLine(spec.commandLine().getOut(), spec.commandLine().getErr()).run(arguments.toArray(String[]::new));
    return 0;
  }
}
