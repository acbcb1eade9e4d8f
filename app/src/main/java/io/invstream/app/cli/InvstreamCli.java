package io.invstream.app.cli;

import io.invstream.app.balance.BalanceCommand;
import io.invstream.app.bench.BenchCommand;
import io.invstream.app.broker.BrokerCommand;
import io.invstream.app.demo.DemoCommand;
import io.invstream.app.experiment.ExperimentCommand;
import io.invstream.app.ingest.IngestCommand;
import io.invstream.app.replay.ReplayCommand;
import io.invstream.app.serve.ServeCommand;
import io.invstream.app.train.TrainCommand;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code invstream} command: parses the verb and hands over to its command. */
@Command(name = "invstream", mixinStandardHelpOptions = true, versionProvider = CodeVersion.class,
    description = "Event-streaming continual learning with invariant-gradient updates.",
    subcommands = {DemoCommand.class, BrokerCommand.class, IngestCommand.class, BalanceCommand.class, TrainCommand.class,
        ServeCommand.class, BenchCommand.class, ReplayCommand.class, ExperimentCommand.class})
public final class InvstreamCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args, System.getenv()));
  }

  /** Runs one command line and returns its exit code; {@code main} is the only caller of {@code System.exit}. */
  public static int execute(String[] args, Map<String, String> environment) {
    CommandLine commandLine = new CommandLine(new InvstreamCli());
    try {
      Path configFile = ConfigFileLocator.locate(args, environment);
      commandLine.setDefaultValueProvider(new ConfigDefaults(environment, configFile));
    } catch (IllegalArgumentException e) {
      commandLine.getErr().println(e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
    commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
      cmd.getErr().println(cmd.getColorScheme().errorText("invstream " + cmd.getCommandName() + " failed: " + exception.getMessage()));
      if (Boolean.getBoolean("invstream.debug")) {
        exception.printStackTrace(cmd.getErr());
      }
      return CommandLine.ExitCode.SOFTWARE;
    });
    return commandLine.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
