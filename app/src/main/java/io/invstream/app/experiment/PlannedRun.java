package io.invstream.app.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One replay of the experiment.
 *
 * @param protocol the data set's protocol
 * @param algorithm the algorithm's registry name
 * @param seed the replay's {@code --seed}
 * @param extraArguments arguments every run gets (e.g. {@code --data-dir}), after the protocol's
 */
public record PlannedRun(DatasetProtocol protocol, String algorithm, long seed, List<String> extraArguments) {

  public PlannedRun {
    extraArguments = List.copyOf(extraArguments);
  }

  /** The replay arguments: the protocol's, the algorithm and its overrides, the seed, then the extras. */
  public List<String> arguments() {
    List<String> out = new ArrayList<>(protocol.arguments());
    out.add("--algorithm");
    out.add(algorithm);
    for (String pair : protocol.hyperparameters(algorithm)) {
      out.add("--hp");
      out.add(pair);
    }
    out.add("--seed");
    out.add(Long.toString(seed));
    out.addAll(extraArguments);
    return out;
  }

  /** Where the run's record goes under the experiment folder. */
  public Path file(Path folder) {
    return folder.resolve("runs").resolve(protocol.dataset()).resolve(algorithm + "-seed" + seed + ".json");
  }
}
