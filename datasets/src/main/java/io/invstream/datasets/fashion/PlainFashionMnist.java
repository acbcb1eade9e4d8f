package io.invstream.datasets.fashion;

import io.invstream.datasets.BenchmarkDataset;
import io.invstream.datasets.BenchmarkMetadata;
import io.invstream.datasets.ImageShape;
import io.invstream.datasets.file.LabelledImages;
import io.invstream.datasets.file.PixelScale;
import io.invstream.schemas.Example;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Fashion-MNIST as published, without decoys: the baseline "model trained without decoys" of the Decoy experiment.
 * Environments {@code train} (the 60 000 training-file images) and {@code test} (the 10 000 {@code t10k} images),
 * in file order; the same images, ids ({@code train[i]}, {@code t10k[i]}), event times and scale as
 * {@link DecoyFashionMnist}, so the two compare one to one. 784 features (28×28, row-major), ten classes, no mask.
 * Involves no randomness.
 */
public final class PlainFashionMnist implements BenchmarkDataset {

  public static final String TRAIN = DecoyFashionMnist.TRAIN;
  public static final String TEST = DecoyFashionMnist.TEST;

  private static final ImageShape SHAPE = new ImageShape(1, 28, 28);

  private final LabelledImages training;
  private final LabelledImages test;
  private final PixelScale pixelScale;
  private final BenchmarkMetadata metadata;

  /**
   * @throws IllegalArgumentException if the images are not 28×28 with labels 0-9
   */
  public PlainFashionMnist(LabelledImages trainingSplit, LabelledImages testSplit, PixelScale pixelScale) {
    BenchmarkExamples.requireFashionMnist(trainingSplit);
    BenchmarkExamples.requireFashionMnist(testSplit);
    this.training = trainingSplit;
    this.test = testSplit;
    this.pixelScale = pixelScale;
    this.metadata = new BenchmarkMetadata("fashion-mnist", SHAPE.featureCount(), FashionMnistClass.displayNames(),
        SHAPE, pixelScale, false, List.of(TRAIN), List.of(TEST),
        Map.of(TRAIN, trainingSplit.count(), TEST, testSplit.count()));
  }

  /** Loads both splits from {@code files}. */
  public static PlainFashionMnist load(FashionMnistFiles files, PixelScale pixelScale) throws IOException {
    return new PlainFashionMnist(files.training(), files.test(), pixelScale);
  }

  @Override
  public BenchmarkMetadata metadata() {
    return metadata;
  }

  @Override
  public Stream<Example> stream(String environment) {
    metadata.requireEnvironment(environment);
    LabelledImages images = environment.equals(TRAIN) ? training : test;
    return IntStream.range(0, images.count()).mapToObj(i -> BenchmarkExamples.of(environment, images, i, i,
        images.image(i, pixelScale), images.label(i), null));
  }
}
