package io.invstream.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.testing.KafkaCluster;
import io.invstream.testing.RealKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@RealKafka
class TopologyBenchCommandIT {

  @Test
  void printsATableThenOneJsonObjectAsTheLastLine(KafkaCluster cluster) {
    StringWriter out = new StringWriter();
    int exit = new CommandLine(new BenchCommand()).setOut(new PrintWriter(out)).execute("topology", "--broker", "external",
        "--bootstrap-server", cluster.bootstrapServers(), "--environments", "2", "--records-per-environment", "2000",
        "--k", "8", "--rounds", "1", "--json");

    assertThat(exit).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(0)).contains("records/s");
    assertThat(String.join("\n", lines)).contains("pass-through").contains("balancer").contains("ratio");
    String json = lines.get(lines.size() - 1);
    assertThat(json).startsWith("{").endsWith("}").contains("\"balancerRecordsPerSec\":").contains("\"passThroughRecordsPerSec\":")
        .contains("\"ratio\":").contains("\"batches\":250");
  }
}
