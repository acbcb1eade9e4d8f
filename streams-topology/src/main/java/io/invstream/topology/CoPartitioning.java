package io.invstream.topology;

import io.invstream.core.kafka.KafkaClientSettings;
import io.invstream.core.topic.Topics;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks at start-up that the environment topics share one partition count: task p balances
 * partition p of every environment topic, so an environment with fewer partitions is absent from
 * the batches of the tasks beyond its count.
 */
final class CoPartitioning {

  private static final Logger LOG = LoggerFactory.getLogger(CoPartitioning.class);

  private CoPartitioning() {}

  static void warnIfMismatched(KafkaClientSettings settings, Topics topics) {
    try (Admin admin = Admin.create(settings.common(Map.of()))) {
      var names = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
          .filter(name -> topics.environmentPattern().matcher(name).matches()).toList();
      Map<String, Integer> partitions = new TreeMap<>();
      for (TopicDescription description : admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
        partitions.put(description.name(), description.partitions().size());
      }
      if (partitions.values().stream().distinct().count() > 1) {
        LOG.warn("Environment topics have different partition counts {}: balancing task p reads partition p of each, so "
            + "batches of the higher partitions miss the environments with fewer. Give every environment topic the same "
            + "count (kafka-topics --alter --partitions N).", partitions);
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.warn("Could not check the partition counts of the environment topics: {}", e.toString());
    }
  }
}
