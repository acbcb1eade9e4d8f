package io.invstream.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServeCommandTest {

  @Test
  void servesModelDefaultOnLoopbackPort8090ByDefault() {
    ServeCommand command = new ServeCommand();
    new CommandLine(command).parseArgs();

    assertThat(command.config()).isEqualTo(new ServeConfig("127.0.0.1", 8090, "default", 1 << 20, 1024, 4, Duration.ofSeconds(60)));
    assertThat(command.kafka.topics().models().name()).isEqualTo("invstream.models");
  }

  @Test
  void takesItsOptionsFromTheCommandLine() {
    ServeCommand command = new ServeCommand();
    new CommandLine(command).parseArgs("--model-name", "fraud", "--http-host", "0.0.0.0", "--http-port", "0",
        "--max-request-bytes", "4096", "--max-instances", "8", "--http-threads", "1", "--startup-timeout", "5s",
        "--topic-prefix", "shop");

    assertThat(command.config()).isEqualTo(new ServeConfig("0.0.0.0", 0, "fraud", 4096, 8, 1, Duration.ofSeconds(5)));
    assertThat(command.kafka.topics().models().name()).isEqualTo("shop.models");
  }
}
