package io.invstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  private final AvroSerde<Example> examples = AvroSerde.of(Example.class);

  static Example example(String env, String id, float[] features, Integer label) {
    return Example.newBuilder().setEnvironment(env).setId(id).setEventTime(java.time.Instant.ofEpochMilli(1_700_000_000_000L))
        .setFeatures(FeatureVectors.encode(features)).setLabel(label).build();
  }

  @Test
  void exampleRoundTripsWithMaskAndWeight() {
    Example in = example("hospital-a", "42", new float[] {1.5f, -2f, Float.MIN_VALUE}, 1);
    in.setMask(FeatureVectors.encode(new float[] {0f, 1f, 0f}));
    in.setWeight(0.25f);

    Example out = examples.deserialize("t", examples.serialize("t", in));

    assertThat(out).isEqualTo(in);
    assertThat(FeatureVectors.decode(out.getFeatures())).containsExactly(1.5f, -2f, Float.MIN_VALUE);
    assertThat(FeatureVectors.decode(out.getMask())).containsExactly(0f, 1f, 0f);
  }

  @Test
  void everyMessageCarriesTheSingleObjectHeaderWithItsFingerprint() {
    byte[] bytes = examples.serialize("t", example("e", "1", new float[] {1f}, 0));

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(fingerprint).isEqualTo(org.apache.avro.SchemaNormalization.parsingFingerprint64(Example.getClassSchema()));
  }

  @Test
  void batchMetricsUpdateAndDeadLetterRoundTrip() {
    BalancedBatch batch = BalancedBatch.newBuilder().setBatchId("b-1").setCreatedAt(java.time.Instant.EPOCH)
        .setReason(BatchReason.PARTIAL).setEnvironments(List.of("a")).setMissingEnvironments(List.of("b"))
        .setExamples(List.of(example("a", "1", new float[] {1f, 2f}, 0))).setReplayed(List.of(false))
        .setSources(List.of(new SourceRange("in.env.a", 0, 3L, 3L))).build();
    TrainingMetrics metrics = TrainingMetrics.newBuilder().setModelName("m").setAlgorithm("andmask").setStep(7)
        .setModelVersion(2).setBatchId("b-1").setTimestamp(java.time.Instant.EPOCH)
        .setEnvironments(List.of(new EnvironmentMetrics("a", 64, 0.5, 0.75, false)))
        .setConsistency(Map.of("andmask.agreement", 0.3)).setPairs(List.of(new PairMetrics("a", "b", -0.1))).build();
    ModelUpdate update = ModelUpdate.newBuilder().setModelName("m").setVersion(3).setStep(300)
        .setCreatedAt(java.time.Instant.EPOCH).setAlgorithm("erm").setHyperparameters(Map.of("lr", "0.001"))
        .setArchitecture("mlp:2-4-2")
        .setParameters(List.of(new ParameterTensor("w0", List.of(2, 4), FeatureVectors.encode(new float[8]), 0L)))
        .setMetrics(Map.of()).setProvenance(List.of()).build();
    DeadLetter dead = DeadLetter.newBuilder().setStage("balancer").setReason("NaN in feature 3")
        .setReasonCode("NON_FINITE").setSourceTopic("in.env.a").setSourcePartition(0).setSourceOffset(9L)
        .setValue(ByteBuffer.wrap(new byte[] {1, 2, 3})).setTimestamp(java.time.Instant.EPOCH).build();

    assertThat(roundTrip(BalancedBatch.class, batch)).isEqualTo(batch);
    assertThat(roundTrip(TrainingMetrics.class, metrics)).isEqualTo(metrics);
    assertThat(roundTrip(ModelUpdate.class, update)).isEqualTo(update);
    assertThat(roundTrip(DeadLetter.class, dead)).isEqualTo(dead);
  }

  @Test
  void anExampleWrittenWithVersionOneIsReadWithTheCurrentSchema() throws IOException {
    Schema v1 = SchemaHistory.olderVersionsOf(Example.getClassSchema().getFullName()).get(0);
    assertThat(v1.getField("weight")).isNull();
    GenericRecord old = new GenericData.Record(v1);
    old.put("environment", "sensor-7");
    old.put("id", "abc");
    old.put("eventTime", 1234L);
    old.put("features", FeatureVectors.encode(new float[] {3f, 4f}));
    old.put("label", 1);
    byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old).array();

    Example read = examples.deserialize("t", bytes);

    assertThat(read.getEnvironment()).isEqualTo("sensor-7");
    assertThat(read.getLabel()).isEqualTo(1);
    assertThat(FeatureVectors.decode(read.getFeatures())).containsExactly(3f, 4f);
    assertThat(read.getMask()).isNull();
    assertThat(read.getWeight()).isNull();
  }

  @Test
  void aCommittedVersionOneMessageStillDecodes() throws IOException {
    byte[] bytes;
    try (InputStream in = getClass().getResourceAsStream("/fixtures/example-v1.bin")) {
      bytes = in.readAllBytes();
    }

    Example read = examples.deserialize("t", bytes);

    assertThat(read.getId()).isEqualTo("fixture-1");
    assertThat(FeatureVectors.decode(read.getFeatures())).containsExactly(0.5f, -1f, 2f);
    assertThat(read.getWeight()).isNull();
  }

  @Test
  void aVersionOneModelUpdateReadsAsAnUnchunkedServingModel() throws IOException {
    Schema v1 = SchemaHistory.olderVersionsOf(ModelUpdate.getClassSchema().getFullName()).get(0);
    GenericRecord old = new GenericData.Record(v1);
    old.put("modelName", "m");
    old.put("version", 7L);
    old.put("step", 70L);
    old.put("createdAt", 0L);
    old.put("algorithm", "erm");
    old.put("hyperparameters", Map.of());
    old.put("architecture", "logistic 2-2");
    Schema tensorSchema = v1.getField("parameters").schema().getElementType();
    GenericRecord tensor = new GenericData.Record(tensorSchema);
    tensor.put("name", "weight");
    tensor.put("shape", List.of(2, 2));
    tensor.put("values", FeatureVectors.encode(new float[] {1, 2, 3, 4}));
    old.put("parameters", List.of(tensor));
    old.put("metrics", Map.of());
    old.put("provenance", List.of());
    old.put("codeVersion", "0.0.1");
    byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old).array();

    ModelUpdate read = AvroSerde.of(ModelUpdate.class).deserialize("t", bytes);

    assertThat(read.getVersion()).isEqualTo(7);
    assertThat(read.getRole()).isEqualTo(ModelRole.SERVING);
    assertThat(read.getChunkCount()).isZero();
    assertThat(read.getChunkIndex()).isEqualTo(-1);
    assertThat(read.getTrainerState()).isNull();
    assertThat(read.getParameters().get(0).getOffset()).isZero();
  }

  @Test
  void garbageAndUnknownSchemasBecomeSerializationExceptions() {
    assertThatThrownBy(() -> examples.deserialize("in.env.a", "not avro".getBytes()))
        .isInstanceOf(SerializationException.class).hasMessageContaining("in.env.a");

    byte[] good = examples.serialize("t", example("e", "1", new float[] {1f}, 0));
    good[5] ^= 0x7f; // corrupt the fingerprint: an unknown writer schema
    assertThatThrownBy(() -> examples.deserialize("t", good))
        .isInstanceOf(SerializationException.class).hasMessageContaining("SchemaHistory");

    byte[] truncated = java.util.Arrays.copyOf(examples.serialize("t", example("e", "1", new float[] {1f}, 0)), 12);
    assertThatThrownBy(() -> examples.deserialize("t", truncated)).isInstanceOf(SerializationException.class);
  }

  @Test
  void featureVectorsRejectPartialFloats() {
    assertThatThrownBy(() -> FeatureVectors.decode(ByteBuffer.allocate(6)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple of 4");
  }

  private static <T extends org.apache.avro.specific.SpecificRecord> T roundTrip(Class<T> type, T value) {
    AvroSerde<T> serde = AvroSerde.of(type);
    return serde.deserialize("t", serde.serialize("t", value));
  }
}
