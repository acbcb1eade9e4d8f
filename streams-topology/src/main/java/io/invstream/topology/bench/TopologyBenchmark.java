package io.invstream.topology.bench;

import io.invstream.core.kafka.KafkaClientSettings;
import io.invstream.core.topic.TopicLayout;
import io.invstream.core.topic.TopicProvisioner;
import io.invstream.core.topic.Topics;
import io.invstream.topology.BalancerConfig;
import io.invstream.topology.BalancerService;
import io.invstream.topology.BalancerTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures records/s through the balancer and through a pass-through topology on the same broker and
 * the same input, alternating them for the given rounds and reporting medians. Both run with
 * exactly_once_v2, one stream thread and the balancer's commit interval; each run starts from a fresh
 * application id and state directory.
 */
public final class TopologyBenchmark {

  private static final Logger LOG = LoggerFactory.getLogger(TopologyBenchmark.class);

  private final KafkaClientSettings settings;
  private final BenchmarkSettings shape;

  public TopologyBenchmark(KafkaClientSettings settings, BenchmarkSettings shape) {
    this.settings = settings;
    this.shape = shape;
  }

  /** Creates uniquely named topics, writes the input, runs both topologies and returns the figures. */
  public BenchmarkResult run() {
    String run = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    Topics topics = new Topics(run);
    String copies = run + ".passthrough";
    try (Admin admin = Admin.create(settings.common(Map.of()))) {
      List<String> environments = IntStream.range(0, shape.environments()).mapToObj(i -> "e" + i).toList();
      new TopicProvisioner(admin, TopicLayout.singleBroker()).ensurePipelineTopics(topics, environments);
      admin.createTopics(List.of(new NewTopic(copies, 1, (short) -1))).all().get(30, TimeUnit.SECONDS);
      LOG.info("Writing {} records to {} environment topics", shape.totalRecords(), shape.environments());
      double producerRate = BenchmarkInput.write(settings, topics, shape);
      Map<TopicPartition, Long> ends = endOffsets(admin, environments.stream().map(topics::environmentTopicName).toList());
      List<Double> passThrough = new ArrayList<>();
      List<Double> balancer = new ArrayList<>();
      double changelogPerRecord = 0;
      long batches = 0;
      for (int round = 1; round <= shape.rounds(); round++) {
        passThrough.add(TopologyRun.measure(admin, PassThroughTopology.build(topics, copies),
            properties(run + "-passthrough-" + round, topics), ends, shape.timeout()));
        BalancerConfig config = config(run + "-balancer-" + round, topics);
        balancer.add(TopologyRun.measure(admin, BalancerTopology.build(config),
            BalancerService.streamsProperties(settings, config), ends, shape.timeout()));
        LOG.info("Round {}: pass-through {} records/s, balancer {} records/s", round, Math.round(passThrough.get(round - 1)),
            Math.round(balancer.get(round - 1)));
        if (round == 1) {
          String changelog = config.applicationId() + "-" + BalancerTopology.STORE + "-changelog";
          changelogPerRecord = CommittedRecords.count(settings, changelog) / (double) shape.totalRecords();
          batches = CommittedRecords.count(settings, topics.batches().name());
        }
      }
      return new BenchmarkResult(shape, median(passThrough), median(balancer), producerRate, changelogPerRecord, batches,
          passThrough, balancer);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Cannot prepare the benchmark's topics: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  private BalancerConfig config(String applicationId, Topics topics) {
    return BalancerConfig.builder().topicPrefix(topics.prefix()).applicationId(applicationId)
        .examplesPerEnvironment(shape.examplesPerEnvironment()).featureCount(shape.features())
        .stateDirectory(stateDirectory()).build();
  }

  private Properties properties(String applicationId, Topics topics) {
    // The balancer's own properties, so both topologies run with the same guarantees and commit interval.
    return BalancerService.streamsProperties(settings, config(applicationId, topics));
  }

  private static Map<TopicPartition, Long> endOffsets(Admin admin, List<String> topicNames)
      throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    topicNames.forEach(topic -> latest.put(new TopicPartition(topic, 0), OffsetSpec.latest()));
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((partition, info) -> ends.put(partition, info.offset()));
    return ends;
  }

  private static Path stateDirectory() {
    try {
      return Files.createTempDirectory("invstream-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a state directory for the benchmark", e);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
