package io.invstream.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientSettingsTest {

  @TempDir Path dir;

  @Test
  void fileKeysPassThroughExceptOwnOnesAndFlagBeatsFileBootstrap() throws Exception {
    Path file = dir.resolve("client.properties");
    Files.writeString(file, "bootstrap.servers=file:9092\nsecurity.protocol=SASL_SSL\ninvstream.http-port=9999\n");

    KafkaClientSettings fromFlag = KafkaClientSettings.load(file, "flag:9092");
    KafkaClientSettings fromFile = KafkaClientSettings.load(file, null);
    KafkaClientSettings defaults = KafkaClientSettings.load(null, null);

    assertThat(fromFlag.bootstrapServers()).isEqualTo("flag:9092");
    assertThat(fromFile.bootstrapServers()).isEqualTo("file:9092");
    assertThat(defaults.bootstrapServers()).isEqualTo(KafkaClientSettings.DEFAULT_BOOTSTRAP);
    assertThat(fromFlag.clientProperties()).containsEntry("security.protocol", "SASL_SSL").doesNotContainKey("invstream.http-port")
        .doesNotContainKey("bootstrap.servers");
    assertThat(fromFlag.consumer("g", Map.of())).containsEntry("security.protocol", "SASL_SSL").containsEntry("bootstrap.servers", "flag:9092");
  }

  @Test
  void producerStaysIdempotentWithAcksAll() {
    Map<String, Object> producer = KafkaClientSettings.of("x:1").producer(Map.of("acks", "1", "enable.idempotence", false, "linger.ms", 20));
    assertThat(producer).containsEntry("acks", "all").containsEntry("enable.idempotence", true).containsEntry("linger.ms", 20);
  }

  @Test
  void producerKeepsOneRequestInFlightUnlessTold() {
    assertThat(KafkaClientSettings.of("x:1").producer(Map.of())).containsEntry("max.in.flight.requests.per.connection", 1);
    assertThat(KafkaClientSettings.of("x:1").producer(Map.of("max.in.flight.requests.per.connection", 5)))
        .containsEntry("max.in.flight.requests.per.connection", 5);
  }

  @Test
  void consumerReadsCommittedOnly() {
    assertThat(KafkaClientSettings.of("x:1").consumer("g", Map.of())).containsEntry("isolation.level", "read_committed")
        .containsEntry("enable.auto.commit", false);
  }
}
