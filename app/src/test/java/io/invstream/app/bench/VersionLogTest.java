package io.invstream.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.client.InputRange;
import io.invstream.client.ModelMetadata;
import io.invstream.client.ServingModel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class VersionLogTest {

  private static final TopicPartition A = new TopicPartition("p.env.a", 0);
  private static final TopicPartition B = new TopicPartition("p.env.b", 0);

  @Test
  void anExampleIsCoveredByTheFirstVersionWhoseProvenanceReachesItsOffset() {
    VersionLog log = new VersionLog();
    log.onSwap(Optional.empty(), model(1, 9, -1));
    long firstSeen = System.currentTimeMillis();
    log.onSwap(Optional.empty(), model(2, 19, 4));
    log.onSwap(Optional.empty(), model(3, 29, 4));

    assertThat(log.versions()).isEqualTo(3);
    assertThat(log.covered(A)).isEqualTo(30);
    assertThat(log.covered(B)).isEqualTo(5);
    assertThat(log.firstServedCovering(A, 9)).isPositive().isLessThanOrEqualTo(firstSeen);
    assertThat(log.firstServedCovering(A, 10)).isGreaterThanOrEqualTo(firstSeen);
    assertThat(log.firstServedCovering(B, 0)).isGreaterThanOrEqualTo(firstSeen);
    assertThat(log.firstServedCovering(A, 30)).isEqualTo(-1);
    assertThat(log.firstServedCovering(B, 5)).isEqualTo(-1);
  }

  private static ServingModel model(long version, long lastA, long lastB) {
    List<InputRange> provenance = lastB < 0 ? List.of(new InputRange(A.topic(), 0, 0, lastA))
        : List.of(new InputRange(A.topic(), 0, 0, lastA), new InputRange(B.topic(), 0, 0, lastB));
    ModelMetadata metadata = new ModelMetadata("m", version, version, Instant.EPOCH, "erm", Map.of(), "logistic 1-2", Map.of(),
        provenance, "test", 0);
    return ServingModel.of(metadata, Map.of("dense0.weight", new float[2], "dense0.bias", new float[2]));
  }
}
