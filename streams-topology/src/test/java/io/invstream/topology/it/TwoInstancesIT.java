package io.invstream.topology.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invstream.core.topic.TopicLayout;
import io.invstream.core.topic.TopicProvisioner;
import io.invstream.core.topic.Topics;
import io.invstream.schemas.BalancedBatch;
import io.invstream.schemas.BatchReason;
import io.invstream.schemas.Example;
import io.invstream.schemas.SourceRange;
import io.invstream.testing.KafkaCluster;
import io.invstream.testing.RealKafka;
import io.invstream.testing.TestTopics;
import io.invstream.topology.BalancerService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances with one application id split 2-partition environment topics: each owns one
 * balancing task, every batch is balanced and drawn from one partition of every environment, and
 * every example id appears once.
 */
@RealKafka
class TwoInstancesIT {

  private static final List<String> ENVIRONMENTS = List.of("a", "b");
  private static final int PER_ENVIRONMENT = 2000;

  @Test
  void twoInstancesSplitThePartitionsAndEveryBatchStaysBalanced(KafkaCluster cluster, @TempDir Path first, @TempDir Path second)
      throws Exception {
    Topics topics = new Topics(TestTopics.uniquePrefix("two"));
    String applicationId = topics.prefix() + "-balancer";
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
      new TopicProvisioner(admin, new TopicLayout(2, (short) 1)).ensurePipelineTopics(topics, ENVIRONMENTS);
    }
    try (BatchCollector collector = new BatchCollector(cluster.bootstrapServers(), topics)) {
      balance(cluster, topics, applicationId, first, second, collector);
      assertBalanced(collector);
    }
  }

  private static void balance(KafkaCluster cluster, Topics topics, String applicationId, Path first, Path second,
      BatchCollector collector) {
    try (BalancerService one = start(cluster, topics, applicationId, first);
        BalancerService two = start(cluster, topics, applicationId, second)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> activeTasks(one) == 1 && activeTasks(two) == 1
          && one.state() == KafkaStreams.State.RUNNING && two.state() == KafkaStreams.State.RUNNING);

      try (ExampleFeed feed = new ExampleFeed(cluster.bootstrapServers(), topics, ENVIRONMENTS, PER_ENVIRONMENT, 2).start(50)) {
        await().atMost(Duration.ofSeconds(90)).until(() -> feed.done()
            && collector.poll().stream().mapToInt(batch -> batch.getExamples().size()).sum() >= ENVIRONMENTS.size() * PER_ENVIRONMENT);
      }
      assertThat(activeTasks(one)).as("no rebalance moved the work to one instance").isEqualTo(1);
      assertThat(activeTasks(two)).isEqualTo(1);
    }
  }

  private static void assertBalanced(BatchCollector collector) {
    List<BalancedBatch> batches = collector.batches();
    assertThat(batches.stream().map(batch -> batch.getBatchId().split(":")[1]).collect(Collectors.toSet()))
        .as("both balancing tasks emitted").containsExactlyInAnyOrder("0_0", "0_1");
    assertThat(batches).allSatisfy(batch -> {
      Set<Integer> partitions = batch.getSources().stream().map(SourceRange::getPartition).collect(Collectors.toSet());
      assertThat(partitions).as("a batch is drawn from one partition of each environment").hasSize(1);
      assertThat(batch.getSources()).extracting(SourceRange::getTopic).as("one range per environment present")
          .hasSize(ENVIRONMENTS.size() - batch.getMissingEnvironments().size());
    });
    assertThat(batches.stream().filter(batch -> batch.getReason() == BatchReason.FULL)).isNotEmpty().allSatisfy(batch -> {
      Map<String, Long> perEnvironment = batch.getExamples().stream()
          .collect(Collectors.groupingBy(Example::getEnvironment, Collectors.counting()));
      assertThat(perEnvironment).isEqualTo(Map.of("a", (long) RestartScenario.K, "b", (long) RestartScenario.K));
    });
    assertThat(collector.freshCounts()).hasSize(ENVIRONMENTS.size() * PER_ENVIRONMENT).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
  }

  private static BalancerService start(KafkaCluster cluster, Topics topics, String applicationId, Path stateDirectory) {
    return BalancerService.start(RestartScenario.settings(cluster.bootstrapServers()),
        RestartScenario.config(topics.prefix(), applicationId, stateDirectory), new SimpleMeterRegistry());
  }

  private static int activeTasks(BalancerService service) {
    return service.streams().metadataForLocalThreads().stream().mapToInt(thread -> thread.activeTasks().size()).sum();
  }
}
