package io.invstream.app.bench;

import io.invstream.trainer.bench.TrainerBenchCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code invstream bench}: the benchmarks, one subcommand each. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks; each prints a table, and one JSON line with --json.",
    subcommands = {TopologyBenchCommand.class, TrainerBenchCommand.class, E2eBenchCommand.class})
public final class BenchCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
