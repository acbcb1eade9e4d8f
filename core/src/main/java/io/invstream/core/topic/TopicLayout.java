package io.invstream.core.topic;

/**
 * How many partitions and replicas new topics get.
 *
 * @param environmentPartitions partitions of every environment topic; they must all share one count,
 *     because the balancer's task p reads partition p of every environment topic
 * @param replicationFactor replicas of every topic (1 on a single broker)
 */
public record TopicLayout(int environmentPartitions, short replicationFactor) {

  public TopicLayout {
    if (environmentPartitions < 1) {
      throw new IllegalArgumentException("Environment topics need at least one partition, got " + environmentPartitions);
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("Replication factor must be >= 1, got " + replicationFactor);
    }
  }

  public static TopicLayout singleBroker() {
    return new TopicLayout(1, (short) 1);
  }
}
