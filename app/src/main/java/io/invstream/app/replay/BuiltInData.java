package io.invstream.app.replay;

import io.invstream.datasets.BenchmarkDataset;
import io.invstream.datasets.BenchmarkMetadata;
import io.invstream.datasets.ImageShape;
import io.invstream.datasets.fashion.ColoredFashionMnist;
import io.invstream.datasets.fashion.ColoredFashionMnistConfig;
import io.invstream.datasets.fashion.DecoyFashionMnist;
import io.invstream.datasets.fashion.DecoyFashionMnistConfig;
import io.invstream.datasets.fashion.FashionMnistFiles;
import io.invstream.datasets.fashion.PlainFashionMnist;
import io.invstream.datasets.file.PixelScale;
import io.invstream.datasets.synthetic.SpiralTask;
import io.invstream.schemas.Example;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The built-in data sets of replay mode, by name: {@code synthetic} (the spiral task),
 * {@code colored-fashion-mnist}, {@code decoy-fashion-mnist}, and {@code fashion-mnist} (the same
 * images without decoys, the reference of the decoy experiment).
 */
public final class BuiltInData {

  /** The names {@link #load} accepts. */
  public static final List<String> NAMES = List.of("synthetic", "colored-fashion-mnist", "decoy-fashion-mnist",
      "fashion-mnist");

  private BuiltInData() {}

  /**
   * Builds the named data set.
   *
   * @param files where the Fashion-MNIST files are
   * @param datasetSeed seed of the Fashion-MNIST variants' construction (colours, swatches)
   * @param task the synthetic task, for {@code synthetic}
   * @param examplesPerEnvironment examples drawn per synthetic environment
   */
  public static LoadedData load(String name, FashionMnistFiles files, long datasetSeed, SpiralTask task,
      int examplesPerEnvironment) throws IOException {
    return switch (name) {
      case "synthetic" -> synthetic(task, examplesPerEnvironment);
      case "colored-fashion-mnist" -> of(ColoredFashionMnist.load(files, ColoredFashionMnistConfig.defaults(datasetSeed)));
      case "decoy-fashion-mnist" -> of(DecoyFashionMnist.load(files, DecoyFashionMnistConfig.defaults(datasetSeed)));
      case "fashion-mnist" -> of(PlainFashionMnist.load(files, PixelScale.RAW));
      default -> throw new IllegalArgumentException("Unknown data set '" + name + "'; choose one of " + NAMES
          + ", or pass --data FILE");
    };
  }

  private static LoadedData of(BenchmarkDataset dataset) {
    BenchmarkMetadata metadata = dataset.metadata();
    Map<String, List<Example>> environments = new LinkedHashMap<>();
    for (String environment : metadata.environments()) {
      environments.put(environment, dataset.examples(environment));
    }
    ImageShape shape = metadata.imageShape();
    return new LoadedData(metadata.name(), environments, metadata.testEnvironments(), metadata.classCount(),
        shape.channels() + "x" + shape.height() + "x" + shape.width(), List.of(), 0);
  }

  /**
   * {@code examplesPerEnvironment} draws from every environment of the task; environment {@code i}
   * (training ones first) draws from the {@code i}-th {@code split()} of a generator seeded with the
   * task's seed.
   */
  private static LoadedData synthetic(SpiralTask task, int examplesPerEnvironment) {
    if (examplesPerEnvironment < 1) {
      throw new IllegalArgumentException("--examples-per-env must be >= 1, got " + examplesPerEnvironment);
    }
    SplittableRandom root = new SplittableRandom(task.config().seed());
    Map<String, List<Example>> environments = new LinkedHashMap<>();
    for (String environment : task.environments()) {
      SplittableRandom random = root.split();
      List<Example> examples = new ArrayList<>(examplesPerEnvironment);
      for (int i = 0; i < examplesPerEnvironment; i++) {
        examples.add(task.draw(environment, environment + "[" + i + "]", Instant.ofEpochMilli(i), random));
      }
      environments.put(environment, examples);
    }
    return new LoadedData("synthetic", environments, task.heldOutEnvironments(), 2, null, List.of(), 0);
  }
}
