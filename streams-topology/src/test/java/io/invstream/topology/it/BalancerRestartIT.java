package io.invstream.topology.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invstream.core.topic.TopicLayout;
import io.invstream.core.topic.TopicProvisioner;
import io.invstream.core.topic.Topics;
import io.invstream.schemas.BalancedBatch;
import io.invstream.testing.KafkaCluster;
import io.invstream.testing.RealKafka;
import io.invstream.testing.TestTopics;
import io.invstream.topology.BalancerService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a balancer with SIGKILL while examples stream in and transactions are open, starts another
 * with the same application id and state directory, and counts every example id in the committed
 * batches: each must appear exactly once.
 */
@RealKafka
class BalancerRestartIT {

  private static final List<String> ENVIRONMENTS = List.of("a", "b", "c");
  private static final int PER_ENVIRONMENT = 4000;

  @Test
  void aCrashMidStreamLosesNoExampleAndDuplicatesNone(KafkaCluster cluster, @TempDir Path stateDirectory) throws Exception {
    Topics topics = new Topics(TestTopics.uniquePrefix("restart"));
    String applicationId = topics.prefix() + "-balancer";
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
      new TopicProvisioner(admin, TopicLayout.singleBroker()).ensurePipelineTopics(topics, ENVIRONMENTS);
    }
    try (ExampleFeed feed = new ExampleFeed(cluster.bootstrapServers(), topics, ENVIRONMENTS, PER_ENVIRONMENT, 1);
        BatchCollector collector = new BatchCollector(cluster.bootstrapServers(), topics)) {
      Process first = startChild(cluster, topics, applicationId, stateDirectory);
      try {
        feed.start(2);
        await().atMost(Duration.ofSeconds(60)).until(() -> collector.poll().size() >= 20);
      } finally {
        first.destroyForcibly().waitFor();
      }
      int producedAtKill = feed.produced();
      int batchesBeforeKill = collector.poll().size();
      assertThat(producedAtKill).as("the crash happens mid-stream").isLessThan(PER_ENVIRONMENT);

      try (BalancerService second = BalancerService.start(RestartScenario.settings(cluster.bootstrapServers()),
          RestartScenario.config(topics.prefix(), applicationId, stateDirectory), new SimpleMeterRegistry())) {
        await().atMost(Duration.ofSeconds(120)).until(() -> feed.done()
            && collector.poll().stream().mapToInt(batch -> batch.getExamples().size()).sum() >= ENVIRONMENTS.size() * PER_ENVIRONMENT);
        collector.poll();
      }

      Set<String> expected = ENVIRONMENTS.stream()
          .flatMap(environment -> IntStream.range(0, PER_ENVIRONMENT).mapToObj(i -> environment + "-" + i))
          .collect(Collectors.toSet());
      Map<String, Integer> counts = collector.freshCounts();
      assertThat(counts.keySet()).as("no example lost, none invented").isEqualTo(expected);
      assertThat(counts.entrySet()).as("no example in two batches").allSatisfy(entry -> assertThat(entry.getValue()).isEqualTo(1));
      List<BalancedBatch> batches = collector.batches();
      assertThat(batches.size()).as("the first balancer had committed batches before it was killed")
          .isGreaterThan(0).isGreaterThan(batchesBeforeKill);
      Set<String> ids = new HashSet<>();
      assertThat(batches).allSatisfy(batch -> assertThat(ids.add(batch.getBatchId())).as("batch id " + batch.getBatchId() + " unique").isTrue());
    }
  }

  private static Process startChild(KafkaCluster cluster, Topics topics, String applicationId, Path stateDirectory) throws Exception {
    Path log = Files.createTempFile("balancer-child-", ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), BalancerProcess.class.getName(),
        cluster.bootstrapServers(), topics.prefix(), applicationId, stateDirectory.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }
}
