package io.invstream.client;

import static io.invstream.client.ModelPublisher.SMALL_CHUNKS;
import static io.invstream.client.TestUpdates.logistic;
import static io.invstream.client.TestUpdates.scaleOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invstream.schemas.ModelChunks;
import io.invstream.schemas.ModelUpdate;
import io.invstream.testing.KafkaCluster;
import io.invstream.testing.RealKafka;
import io.invstream.testing.TestTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

@RealKafka
class ModelSubscriberIT {

  private static final String NAME = "model";
  /** {@code logistic 1500-2}: 12 KB of values, so SMALL_CHUNKS cuts it into three chunks. */
  private static final int WIDE = 1500;
  private static final int WHOLE = 1024 * 1024;

  @Test
  void startsFromTheNewestCommittedVersionThenSwapsInEachLaterOneWithoutEverShowingAnAbortedOrPartialModel(
      KafkaCluster cluster) throws Exception {
    String topic = createTopic(cluster, 1);
    Set<Long> committed = new TreeSet<>();
    List<Long> swaps = new CopyOnWriteArrayList<>();
    try (ModelPublisher publisher = new ModelPublisher(cluster.bootstrapServers(), topic)) {
      publish(publisher, committed, 1, WHOLE);
      publish(publisher, committed, 2, SMALL_CHUNKS);
      abort(publisher, 3, SMALL_CHUNKS);
      publish(publisher, committed, 3, WHOLE);
      publish(publisher, committed, 4, SMALL_CHUNKS);
      abort(publisher, 5, SMALL_CHUNKS);

      try (ModelSubscriber subscriber = ModelSubscriber.start(config(cluster, topic), swapsInto(swaps));
          ConcurrentObserver observer = new ConcurrentObserver(subscriber, WIDE)) {
        assertThat(subscriber.current()).map(ServingModel::version).contains(4L);

        for (long version = 5; version <= 12; version++) {
          if (version % 3 == 0) {
            abort(publisher, version, version % 2 == 0 ? WHOLE : SMALL_CHUNKS);
          }
          publish(publisher, committed, version, version % 2 == 0 ? WHOLE : SMALL_CHUNKS);
        }
        abort(publisher, 13, SMALL_CHUNKS);

        await().atMost(Duration.ofSeconds(60)).until(() -> observer.newestSeen() == 12);
        observer.stop();
        assertThat(observer.mismatches()).isEmpty();
        assertThat(observer.checks()).isPositive();
        assertThat(committed).containsAll(observer.versionsSeen());
        assertThat(observer.versionsSeen()).isSorted().contains(4L, 12L);
      }
      assertThat(swaps).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
    }
  }

  @Test
  void keepsServingTheCurrentVersionWhenACommittedUpdateIsBadOrIncomplete(KafkaCluster cluster) throws Exception {
    String topic = createTopic(cluster, 1);
    List<RejectedUpdate> rejections = new CopyOnWriteArrayList<>();
    try (ModelPublisher publisher = new ModelPublisher(cluster.bootstrapServers(), topic);
        ModelSubscriber subscriber = ModelSubscriber.start(config(cluster, topic).withAssemblyTimeout(Duration.ofSeconds(1)),
            new ModelListener() {
              @Override
              public void onRejected(RejectedUpdate rejection) {
                rejections.add(rejection);
              }
            })) {
      assertThat(subscriber.current()).isEmpty();
      publisher.publish(logistic(NAME, 1, WIDE, scaleOf(1)), SMALL_CHUNKS, true);
      await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.current().isPresent());

      List<ModelChunks.Keyed> incomplete = new ArrayList<>(ModelChunks.split(NAME, logistic(NAME, 2, WIDE, scaleOf(2)), SMALL_CHUNKS));
      incomplete.remove(1);
      publisher.publishRaw(incomplete);
      float[] weight = new float[2 * WIDE];
      weight[17] = Float.NaN;
      publisher.publishRaw(List.of(new ModelChunks.Keyed(NAME, TestUpdates.update(NAME, 3, "logistic " + WIDE + "-2",
          List.of(TestUpdates.tensor("dense0.weight", weight, 2, WIDE), TestUpdates.tensor("dense0.bias", new float[2], 2))))));

      await().atMost(Duration.ofSeconds(30)).until(() -> rejections.size() == 2);
      assertThat(rejections).extracting(RejectedUpdate::version).containsExactlyInAnyOrder(2L, 3L);
      assertThat(subscriber.current()).map(ServingModel::version).contains(1L);
      assertThat(subscriber.stats().rejected()).isEqualTo(2);

      publisher.publish(logistic(NAME, 4, WIDE, scaleOf(4)), WHOLE, true);
      await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.current().map(ServingModel::version).orElse(0L) == 4L);
    }
  }

  @Test
  void waitsForATopicThatDoesNotExistYetAndReadsChunksSpreadOverPartitions(KafkaCluster cluster) throws Exception {
    String topic = TestTopics.uniquePrefix("late") + ".models";
    try (ModelSubscriber subscriber = ModelSubscriber.start(config(cluster, topic), ModelListener.NONE)) {
      assertThat(subscriber.current()).isEmpty();
      createTopic(cluster, topic, 3);
      try (ModelPublisher publisher = new ModelPublisher(cluster.bootstrapServers(), topic)) {
        publisher.publish(logistic(NAME, 1, WIDE, scaleOf(1)), SMALL_CHUNKS, true);
        publisher.publish(logistic(NAME, 2, WIDE, scaleOf(2)), SMALL_CHUNKS, true);
      }

      await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.current().map(ServingModel::version).orElse(0L) == 2L);
      assertThat(subscriber.isRunning()).isTrue();
      assertThat(subscriber.current().orElseThrow().predict(ConcurrentObserver.ones(WIDE)).probability(0))
          .isEqualTo(ConcurrentObserver.expected(WIDE, 2));
    }
  }

  private static void publish(ModelPublisher publisher, Set<Long> committed, long version, int maxBytes) {
    publisher.publish(logistic(NAME, version, WIDE, scaleOf(version)), maxBytes, true);
    committed.add(version);
  }

  /** An aborted attempt at {@code version} with parameters no committed version has. */
  private static void abort(ModelPublisher publisher, long version, int maxBytes) {
    ModelUpdate poison = logistic(NAME, version, WIDE, -scaleOf(version));
    publisher.publish(poison, maxBytes, false);
  }

  private static ModelListener swapsInto(List<Long> swaps) {
    return new ModelListener() {
      @Override
      public void onSwap(Optional<ServingModel> previous, ServingModel current) {
        swaps.add(current.version());
      }
    };
  }

  private static SubscriberConfig config(KafkaCluster cluster, String topic) {
    return SubscriberConfig.of(cluster.bootstrapServers(), topic, NAME).withPollTimeout(Duration.ofMillis(100));
  }

  private static String createTopic(KafkaCluster cluster, int partitions) throws ExecutionException, InterruptedException {
    String topic = TestTopics.uniquePrefix("subscriber") + ".models";
    createTopic(cluster, topic, partitions);
    return topic;
  }

  private static void createTopic(KafkaCluster cluster, String topic, int partitions) throws ExecutionException, InterruptedException {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)
          .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
    }
  }
}
