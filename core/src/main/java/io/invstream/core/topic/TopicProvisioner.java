package io.invstream.core.topic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the pipeline's topics if they are missing; existing topics are left as they are, so every
 * process can call it on start-up.
 */
public final class TopicProvisioner {

  private final Admin admin;
  private final TopicLayout layout;

  public TopicProvisioner(Admin admin, TopicLayout layout) {
    this.admin = admin;
    this.layout = layout;
  }

  /** Creates batches, metrics, models (compacted), drift and dead letters, plus one topic per named environment. */
  public void ensurePipelineTopics(Topics topics, Collection<String> environments) {
    List<NewTopic> wanted = new ArrayList<>();
    wanted.add(new NewTopic(topics.batches().name(), 1, layout.replicationFactor()));
    wanted.add(new NewTopic(topics.metrics().name(), 1, layout.replicationFactor()));
    wanted.add(new NewTopic(topics.deadLetters().name(), 1, layout.replicationFactor()));
    wanted.add(new NewTopic(topics.drift().name(), 1, layout.replicationFactor()));
    wanted.add(new NewTopic(topics.models().name(), 1, layout.replicationFactor())
        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
            // Model updates can hold millions of parameters.
            TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(16 * 1024 * 1024))));
    wanted.add(new NewTopic(topics.ingestProgress().name(), 1, layout.replicationFactor())
        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    for (String environment : environments) {
      wanted.add(environmentTopic(topics, environment));
    }
    create(wanted);
  }

  /** Creates one environment's topic with the layout's partition count, if missing. */
  public void ensureEnvironment(Topics topics, String environment) {
    create(List.of(environmentTopic(topics, environment)));
  }

  private NewTopic environmentTopic(Topics topics, String environment) {
    return new NewTopic(topics.environmentTopicName(environment), layout.environmentPartitions(), layout.replicationFactor());
  }

  private void create(List<NewTopic> wanted) {
    try {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
      if (missing.isEmpty()) {
        return;
      }
      admin.createTopics(missing).values().forEach((name, future) -> {
        try {
          future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("Cannot create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while creating topic " + name, e);
        } catch (TimeoutException e) {
          throw new IllegalStateException("Timed out creating topic " + name + ": is the cluster reachable?", e);
        }
      });
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot list topics: is the cluster at the configured bootstrap servers reachable?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while listing topics", e);
    }
  }
}
