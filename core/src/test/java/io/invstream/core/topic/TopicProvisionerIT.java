package io.invstream.core.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.testing.KafkaCluster;
import io.invstream.testing.RealKafka;
import io.invstream.testing.TestTopics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

@RealKafka
class TopicProvisionerIT {

  @Test
  void createsEveryTopicOnceWithACompactedModelTopic(KafkaCluster cluster) throws Exception {
    Topics topics = new Topics(TestTopics.uniquePrefix("prov"));
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
      TopicProvisioner provisioner = new TopicProvisioner(admin, new TopicLayout(2, (short) 1));

      provisioner.ensurePipelineTopics(topics, List.of("a", "b"));
      provisioner.ensurePipelineTopics(topics, List.of("a", "b", "c"));

      // Creation is acknowledged by the controller; the broker's metadata view catches up shortly after.
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
          .until(() -> admin.listTopics().names().get().contains(topics.environmentTopicName("c")));
      Set<String> names = admin.listTopics().names().get();
      assertThat(names).contains(topics.batches().name(), topics.metrics().name(), topics.models().name(),
          topics.deadLetters().name(), topics.drift().name(), "%s.env.a".formatted(topics.prefix()), "%s.env.c".formatted(topics.prefix()));
      assertThat(admin.describeTopics(List.of(topics.environmentTopicName("a"))).allTopicNames().get()
          .get(topics.environmentTopicName("a")).partitions()).hasSize(2);
      ConfigResource models = new ConfigResource(ConfigResource.Type.TOPIC, topics.models().name());
      Config config = admin.describeConfigs(List.of(models)).all().get().get(models);
      assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
    }
  }
}
