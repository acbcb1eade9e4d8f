package io.invstream.app.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invstream.topology.BalancerConfig;
import io.invstream.topology.StarvationPolicy;
import io.invstream.topology.TimeMode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BalanceCommandTest {

  private static BalancerConfig parse(String... args) {
    BalanceCommand command = new BalanceCommand();
    new CommandLine(command).parseArgs(args);
    return command.config();
  }

  @Test
  void theCommandsDefaultsAreTheConfigurationsDefaults() {
    assertThat(parse()).isEqualTo(BalancerConfig.builder().build());
  }

  @Test
  void flagsReachTheConfiguration() {
    BalancerConfig config = parse("--k", "8", "--quota", "rare=2", "--policy", "REPLAY", "--max-wait", "250ms",
        "--idle-timeout", "2m", "--time-mode", "EVENT_TIME", "--grace", "PT3S", "--class-balance", "--classes", "2",
        "--topic-prefix", "demo", "--min-environments", "3");
    assertThat(config.examplesPerEnvironment()).isEqualTo(8);
    assertThat(config.quotas()).isEqualTo(Map.of("rare", 2));
    assertThat(config.policy()).isEqualTo(StarvationPolicy.REPLAY);
    assertThat(config.maxWait()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.timeMode()).isEqualTo(TimeMode.EVENT_TIME);
    assertThat(config.grace()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.classBalance()).isTrue();
    assertThat(config.topicPrefix()).isEqualTo("demo");
    assertThat(config.minEnvironments()).isEqualTo(3);
  }

  @Test
  void aBadDurationSaysHowToWriteOne() {
    assertThatThrownBy(() -> parse("--max-wait", "soon")).hasMessageContaining("250ms");
  }
}
