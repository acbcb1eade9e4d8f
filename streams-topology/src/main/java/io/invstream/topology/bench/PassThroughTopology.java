package io.invstream.topology.bench;

import io.invstream.core.topic.Topics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;

/** The benchmark's baseline: the balancer's input subscription copied, bytes untouched, to one topic. */
public final class PassThroughTopology {

  private PassThroughTopology() {}

  public static Topology build(Topics topics, String outputTopic) {
    Topology topology = new Topology();
    topology.addSource(AutoOffsetReset.earliest(), "environments", new ByteArrayDeserializer(), new ByteArrayDeserializer(),
        topics.environmentPattern());
    topology.addSink("copy", outputTopic, new ByteArraySerializer(), new ByteArraySerializer(), "environments");
    return topology;
  }
}
