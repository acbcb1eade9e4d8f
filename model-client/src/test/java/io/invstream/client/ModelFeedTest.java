package io.invstream.client;

import static io.invstream.client.TestUpdates.bytes;
import static io.invstream.client.TestUpdates.logistic;
import static io.invstream.client.TestUpdates.scaleOf;
import static io.invstream.client.TestUpdates.tensor;
import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.schemas.ModelChunks;
import io.invstream.schemas.ModelRole;
import io.invstream.schemas.ModelUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ModelFeedTest {

  private static final String NAME = "m";
  /** 64 KiB of ModelChunks overhead plus 4 KiB: 1,024 floats per chunk. */
  private static final int SMALL_CHUNKS = 64 * 1024 + 4 * 1024;
  /** {@code logistic 1500-2}: 3,002 floats, three chunks with the weight cut at offsets 1,024 and 2,048. */
  private static final int WIDE = 1500;

  private final AtomicLong clock = new AtomicLong();
  private final List<RejectedUpdate> rejections = new ArrayList<>();
  private final ModelFeed feed = new ModelFeed(NAME, Duration.ofSeconds(10), 3, clock::get, rejections::add);

  @Test
  void servesAWholeUpdateWithItsMetadata() {
    Optional<ServingModel> model = offer(NAME, logistic(NAME, 1, 4, scaleOf(1)));

    assertThat(model).isPresent();
    assertThat(model.get().version()).isEqualTo(1);
    assertThat(model.get().metadata().architecture()).isEqualTo("logistic 4-2");
    assertThat(model.get().metadata().hyperparameters()).containsEntry("tau", "0.8");
    assertThat(model.get().metadata().provenance()).containsExactly(new InputRange("p.env.a", 0, 0, 100));
    assertThat(model.get().metadata().chunks()).isZero();
    assertThat(rejections).isEmpty();
  }

  @Test
  void assemblesChunksSplitInsideATensorInWhateverOrderTheyArrive() {
    List<ModelChunks.Keyed> records = new ArrayList<>(TestUpdates.split(logistic(NAME, 1, WIDE, scaleOf(1)), SMALL_CHUNKS));
    assertThat(records).hasSize(4);
    assertThat(records.get(1).update().getParameters().get(0).getOffset()).isEqualTo(1024);
    Collections.reverse(records);

    List<Optional<ServingModel>> results = records.stream().map(r -> offer(r.key(), r.update())).toList();

    assertThat(results.subList(0, 3)).allMatch(Optional::isEmpty);
    ServingModel model = results.get(3).orElseThrow();
    assertThat(model.metadata().chunks()).isEqualTo(3);
    assertThat(model.predict(ones(WIDE)).probability(0))
        .isCloseTo((float) TestUpdates.expectedProbability(WIDE, scaleOf(1)), org.assertj.core.data.Offset.offset(1e-6f));
  }

  @Test
  void refusesAVersionWhoseChunkNeverArrivesAndKeepsTheCurrentOne() {
    offer(NAME, logistic(NAME, 1, 4, scaleOf(1)));
    List<ModelChunks.Keyed> records = TestUpdates.split(logistic(NAME, 2, WIDE, scaleOf(2)), SMALL_CHUNKS);
    for (ModelChunks.Keyed record : records) {
      if (!record.key().equals(NAME + "/chunk-1")) {
        assertThat(offer(record.key(), record.update())).isEmpty();
      }
    }

    clock.addAndGet(Duration.ofSeconds(9).toNanos());
    feed.expire();
    assertThat(rejections).isEmpty();
    clock.addAndGet(Duration.ofSeconds(1).toNanos());
    feed.expire();

    assertThat(rejections).singleElement().satisfies(r -> {
      assertThat(r.version()).isEqualTo(2);
      assertThat(r.reason()).contains("chunks [1] of 3 are missing");
    });
    assertThat(feed.newestVersion()).isEqualTo(1);
  }

  @Test
  void namesOnlyTheFirstMissingChunksOfAManifestClaimingMillions() {
    ModelUpdate manifest = ModelUpdate.newBuilder(logistic(NAME, 1, 4, scaleOf(1))).setParameters(List.of())
        .setChunkCount(1_000_000).build();
    assertThat(offer(NAME, manifest)).isEmpty();

    clock.addAndGet(Duration.ofSeconds(10).toNanos());
    feed.expire();

    assertThat(rejections).singleElement().satisfies(r ->
        assertThat(r.reason()).contains("chunks [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, ...] of 1000000 are missing"));
  }

  @Test
  void refusesNonFiniteValuesNamingTheTensor() {
    float[] weight = {0.1f, Float.NaN, 0.3f, 0.4f};
    ModelUpdate update = TestUpdates.update(NAME, 1, "logistic 2-2",
        List.of(tensor("dense0.weight", weight, 2, 2), tensor("dense0.bias", new float[] {0f, Float.POSITIVE_INFINITY}, 2)));

    assertThat(offer(NAME, update)).isEmpty();

    assertThat(rejections).singleElement().satisfies(r -> assertThat(r.reason()).contains("dense0.weight").contains("NaN"));
  }

  @Test
  void refusesTensorsWhoseSizeDisagreesWithShapeOrArchitecture() {
    ModelUpdate shortValues = TestUpdates.update(NAME, 1, "logistic 2-2",
        List.of(tensor("dense0.weight", new float[3], 2, 2), tensor("dense0.bias", new float[2], 2)));
    ModelUpdate wrongShape = TestUpdates.update(NAME, 2, "logistic 2-2",
        List.of(tensor("dense0.weight", new float[6], 2, 3), tensor("dense0.bias", new float[2], 2)));
    ModelUpdate missingTensor = TestUpdates.update(NAME, 3, "logistic 2-2", List.of(tensor("dense0.weight", new float[4], 2, 2)));
    ModelUpdate extraTensor = TestUpdates.update(NAME, 4, "logistic 2-2", List.of(tensor("dense0.weight", new float[4], 2, 2),
        tensor("dense0.bias", new float[2], 2), tensor("dense1.bias", new float[2], 2)));

    assertThat(List.of(shortValues, wrongShape, missingTensor, extraTensor)).allMatch(u -> offer(NAME, u).isEmpty());

    assertThat(rejections).extracting(RejectedUpdate::reason).satisfiesExactly(
        r -> assertThat(r).contains("needs 4 values, its slices carry 3"),
        r -> assertThat(r).contains("has shape [2, 3]; 'logistic 2-2' needs [2, 2]"),
        r -> assertThat(r).contains("'dense0.bias' of 'logistic 2-2' is missing"),
        r -> assertThat(r).contains("[dense1.bias] are not parameters"));
  }

  @Test
  void refusesAnUnknownArchitecture() {
    ModelUpdate update = TestUpdates.update(NAME, 1, "transformer 12-layers", List.of(tensor("w", new float[1], 1)));

    assertThat(offer(NAME, update)).isEmpty();

    assertThat(rejections).singleElement().satisfies(r -> assertThat(r.reason()).contains("Unknown architecture 'transformer 12-layers'"));
  }

  @Test
  void neverGoesBackwardsNorAppliesAVersionTwice() {
    assertThat(offer(NAME, logistic(NAME, 5, 4, scaleOf(5)))).isPresent();

    assertThat(offer(NAME, logistic(NAME, 4, 4, scaleOf(4)))).isEmpty();
    assertThat(offer(NAME, logistic(NAME, 5, 4, scaleOf(5)))).isEmpty();
    assertThat(offer(NAME, logistic(NAME, 6, 4, scaleOf(6)))).map(ServingModel::version).contains(6L);

    assertThat(feed.newestVersion()).isEqualTo(6);
    assertThat(feed.ignored()).isEqualTo(2);
    assertThat(rejections).isEmpty();
  }

  @Test
  void ignoresCheckpointsAndOtherModels() {
    ModelUpdate checkpoint = TestUpdates.withRole(logistic(NAME, 7, 4, scaleOf(7)), ModelRole.CHECKPOINT);

    assertThat(offer(NAME + "/checkpoint", checkpoint)).isEmpty();
    assertThat(offer(NAME, checkpoint)).isEmpty();
    for (ModelChunks.Keyed part : ModelChunks.split(NAME + "/checkpoint", TestUpdates.withRole(logistic(NAME, 8, WIDE, 1f),
        ModelRole.CHECKPOINT), SMALL_CHUNKS)) {
      assertThat(offer(part.key(), part.update())).isEmpty();
    }
    assertThat(offer("other", logistic("other", 9, 4, scaleOf(9)))).isEmpty();

    assertThat(feed.newestVersion()).isEqualTo(-1);
    assertThat(rejections).isEmpty();
  }

  @Test
  void refusesUndecodableRecordsAndRecordsNamingAnotherModel() {
    assertThat(feed.accept(NAME, new byte[] {1, 2, 3}, "t-0@4")).isEmpty();
    assertThat(offer(NAME, logistic("impostor", 1, 4, 1f))).isEmpty();

    assertThat(rejections).extracting(RejectedUpdate::reason).satisfiesExactly(
        r -> assertThat(r).contains("undecodable").contains("t-0@4"),
        r -> assertThat(r).contains("names model 'impostor'"));
    assertThat(rejections.get(0).version()).isEqualTo(-1);
  }

  @Test
  void doesNotCompleteAVersionWithChunksLeftOverFromAnOlderOne() {
    // Compaction keeps chunk keys of an older, larger version; they must not fill a newer version's gaps.
    List<ModelChunks.Keyed> v1 = TestUpdates.split(logistic(NAME, 1, WIDE, scaleOf(1)), SMALL_CHUNKS);
    v1.forEach(r -> offer(r.key(), r.update()));
    List<ModelChunks.Keyed> v2 = TestUpdates.split(logistic(NAME, 2, WIDE, scaleOf(2)), SMALL_CHUNKS);

    assertThat(offer(v2.get(0).key(), v2.get(0).update())).isEmpty();
    assertThat(offer(v1.get(1).key(), v1.get(1).update())).isEmpty();
    assertThat(offer(v2.get(2).key(), v2.get(2).update())).isEmpty();
    assertThat(offer(v2.get(3).key(), v2.get(3).update())).isEmpty();
    assertThat(offer(v2.get(1).key(), v2.get(1).update())).map(ServingModel::version).contains(2L);
  }

  @Test
  void refusesAChunkFiledUnderTheWrongKey() {
    List<ModelChunks.Keyed> records = TestUpdates.split(logistic(NAME, 1, WIDE, scaleOf(1)), SMALL_CHUNKS);

    assertThat(offer(NAME + "/chunk-2", records.get(0).update())).isEmpty();

    assertThat(rejections).singleElement().satisfies(r -> assertThat(r.reason()).contains("expected key 'm/chunk-0'"));
  }

  @Test
  void evictsTheOldestIncompleteVersionBeyondTheLimit() {
    for (long version = 1; version <= 4; version++) {
      ModelChunks.Keyed first = TestUpdates.split(logistic(NAME, version, WIDE, scaleOf(version)), SMALL_CHUNKS).get(0);
      offer(first.key(), first.update());
    }

    assertThat(rejections).singleElement().satisfies(r -> {
      assertThat(r.version()).isEqualTo(1);
      assertThat(r.reason()).contains("evicted").contains("manifest is missing");
    });
  }

  @Test
  void dropsIncompleteOlderVersionsOnceANewerOneIsServed() {
    ModelChunks.Keyed partial = TestUpdates.split(logistic(NAME, 1, WIDE, scaleOf(1)), SMALL_CHUNKS).get(0);
    offer(partial.key(), partial.update());

    assertThat(offer(NAME, logistic(NAME, 2, 4, scaleOf(2)))).isPresent();
    clock.addAndGet(Duration.ofMinutes(1).toNanos());
    feed.expire();

    assertThat(rejections).isEmpty();
    assertThat(feed.ignored()).isEqualTo(1);
  }

  private Optional<ServingModel> offer(String key, ModelUpdate update) {
    return feed.accept(key, bytes(update), "test");
  }

  static float[] ones(int n) {
    float[] x = new float[n];
    java.util.Arrays.fill(x, 1f);
    return x;
  }
}
