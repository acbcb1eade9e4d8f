package io.invstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ModelChunksTest {

  private static ModelUpdate update(int... sizes) {
    SplittableRandom random = new SplittableRandom(1);
    List<ParameterTensor> tensors = new ArrayList<>();
    for (int t = 0; t < sizes.length; t++) {
      float[] values = new float[sizes[t]];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) random.nextGaussian();
      }
      tensors.add(new ParameterTensor("t" + t, List.of(sizes[t]), FeatureVectors.encode(values), 0L));
    }
    return ModelUpdate.newBuilder().setModelName("m").setVersion(3).setStep(30).setCreatedAt(Instant.EPOCH).setAlgorithm("erm")
        .setHyperparameters(Map.of("lr", "0.1")).setArchitecture("x").setParameters(tensors).setMetrics(Map.of("acc", 0.5))
        .setProvenance(List.of()).build();
  }

  @Test
  void aSmallUpdateStaysOneRecord() {
    ModelUpdate small = update(10, 20);
    assertThat(ModelChunks.split("m", small, 1 << 20)).containsExactly(new ModelChunks.Keyed("m", small));
  }

  @Test
  void aLargeUpdateSplitsAcrossChunksAndReassemblesBitForBit() {
    ModelUpdate big = update(100_000, 3, 250_000, 7);
    List<ModelChunks.Keyed> parts = ModelChunks.split("m", big, 256 * 1024);

    assertThat(parts.size()).isGreaterThan(3);
    ModelChunks.Keyed manifest = parts.get(parts.size() - 1);
    assertThat(manifest.key()).isEqualTo("m");
    assertThat(manifest.update().getParameters()).isEmpty();
    assertThat(manifest.update().getChunkCount()).isEqualTo(parts.size() - 1);
    AvroSerde<ModelUpdate> serde = AvroSerde.of(ModelUpdate.class);
    for (ModelChunks.Keyed part : parts) {
      assertThat(serde.serialize("t", part.update()).length).isLessThanOrEqualTo(256 * 1024);
      assertThat(part.key().equals("m") || ModelChunks.isChunkOf(part.key(), "m")).isTrue();
    }
    List<ModelUpdate> chunks = new ArrayList<>(parts.subList(0, parts.size() - 1).stream().map(ModelChunks.Keyed::update).toList());
    Collections.reverse(chunks);

    ModelUpdate whole = ModelChunks.assemble(manifest.update(), chunks);

    assertThat(whole.getChunkCount()).isZero();
    assertThat(whole.getParameters()).hasSize(4);
    for (int t = 0; t < 4; t++) {
      assertThat(FeatureVectors.decode(whole.getParameters().get(t).getValues()))
          .containsExactly(FeatureVectors.decode(big.getParameters().get(t).getValues()));
    }
    assertThat(whole.getHyperparameters()).containsEntry("lr", "0.1");
  }

  @Test
  void aMissingChunkOrOtherVersionIsRefused() {
    List<ModelChunks.Keyed> parts = ModelChunks.split("m", update(200_000), 256 * 1024);
    ModelUpdate manifest = parts.get(parts.size() - 1).update();
    List<ModelUpdate> chunks = new ArrayList<>(parts.subList(0, parts.size() - 1).stream().map(ModelChunks.Keyed::update).toList());
    chunks.remove(1);
    assertThatThrownBy(() -> ModelChunks.assemble(manifest, chunks)).isInstanceOf(ModelChunks.IncompleteModelException.class)
        .hasMessageContaining("chunk 1");

    List<ModelUpdate> otherVersion = parts.subList(0, parts.size() - 1).stream()
        .map(p -> ModelUpdate.newBuilder(p.update()).setVersion(2).build()).toList();
    assertThatThrownBy(() -> ModelChunks.assemble(manifest, otherVersion)).isInstanceOf(ModelChunks.IncompleteModelException.class);
  }

  @Test
  void aTensorWithTheWrongNumberOfValuesIsRefused() {
    ModelUpdate bad = ModelUpdate.newBuilder(update(10)).setParameters(List.of(
        new ParameterTensor("w", List.of(3, 4), FeatureVectors.encode(new float[11]), 0L))).build();
    assertThatThrownBy(() -> ModelChunks.assemble(bad, List.of())).hasMessageContaining("needs 48");
  }
}
