package io.invstream.topology;

import io.invstream.schemas.AvroSerde;
import io.invstream.schemas.Example;
import io.invstream.schemas.FeatureVectors;
import java.time.Instant;

/** Builds examples and their bytes for tests. */
public final class TestExamples {

  private static final AvroSerde<Example> SERDE = AvroSerde.of(Example.class);

  private TestExamples() {}

  public static Example example(String environment, String id, int label, long eventTimeMillis) {
    return Example.newBuilder().setEnvironment(environment).setId(id).setEventTime(Instant.ofEpochMilli(eventTimeMillis))
        .setFeatures(FeatureVectors.encode(new float[] {label, 1f, 2f})).setLabel(label).build();
  }

  public static byte[] bytes(Example example) {
    return SERDE.serialize("test", example);
  }
}
