package io.invstream.datasets.fashion;

import static io.invstream.datasets.fashion.ImageExamples.features;
import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.datasets.file.LabelledImages;
import io.invstream.datasets.file.PixelScale;
import io.invstream.schemas.Example;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PlainFashionMnistTest {

  @Test
  void examplesAreTheImagesAsTheyAreWithTheDecoySetsIds() {
    LabelledImages train = SyntheticSplits.of("train", 30, 5);
    LabelledImages test = SyntheticSplits.of("t10k", 20, 6);
    PlainFashionMnist plain = new PlainFashionMnist(train, test, PixelScale.UNIT);
    DecoyFashionMnist decoy = new DecoyFashionMnist(train, test, DecoyFashionMnistConfig.defaults(1));

    Example e = plain.examples("test").get(7);

    assertThat(e.getId()).isEqualTo("t10k[7]").isEqualTo(decoy.examples("test").get(7).getId());
    assertThat(e.getEnvironment()).isEqualTo("test");
    assertThat(e.getLabel()).isEqualTo(7);
    assertThat(e.getEventTime()).isEqualTo(Instant.ofEpochMilli(7));
    assertThat(e.getMask()).isNull();
    assertThat(features(e)).containsExactly(test.image(7, PixelScale.UNIT));
    assertThat(plain.metadata().featureCount()).isEqualTo(784);
    assertThat(plain.metadata().annotated()).isFalse();
  }

  @Test
  void onTheRealFilesThereAre60000TrainingAnd10000TestImages() {
    PlainFashionMnist plain = new PlainFashionMnist(InstalledFashionMnist.training(), InstalledFashionMnist.test(),
        PixelScale.RAW);

    assertThat(plain.size("train")).isEqualTo(60_000);
    assertThat(plain.size("test")).isEqualTo(10_000);
    Example first = plain.stream("train").findFirst().orElseThrow();
    assertThat(first.getLabel()).as("the first training image is an ankle boot").isEqualTo(9);
    assertThat(features(first)).hasSize(784)
        .containsExactly(InstalledFashionMnist.training().image(0, PixelScale.RAW));
  }
}
