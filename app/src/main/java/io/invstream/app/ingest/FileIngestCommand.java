package io.invstream.app.ingest;

import io.invstream.app.cli.KafkaOptions;
import io.invstream.app.console.ProgressBar;
import io.invstream.core.kafka.KafkaClientSettings;
import io.invstream.core.topic.TopicProvisioner;
import io.invstream.schemas.validation.ExampleValidator;
import io.invstream.datasets.file.CsvExampleReader;
import io.invstream.datasets.file.IdxExampleReader;
import io.invstream.datasets.file.IdxReadOptions;
import io.invstream.datasets.file.JsonLinesExampleReader;
import io.invstream.datasets.file.PixelScale;
import io.invstream.datasets.file.ReadOptions;
import io.invstream.datasets.file.ReadResult;
import io.invstream.ingest.file.FileIngest;
import io.invstream.ingest.file.IngestProgress;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Produces a CSV, JSON-lines or IDX file to the environment topics, exactly once and resumably. */
@Command(name = "file", mixinStandardHelpOptions = true,
    description = {"Produce a CSV, JSON-lines or IDX (MNIST format) file to the environment topics.",
        "Bad rows go to the dead-letter topic with their line number and reason; the rest goes on.",
        "A rerun resumes after the rows an earlier run committed, so nothing is produced twice."})
public final class FileIngestCommand implements Callable<Integer> {

  @Mixin KafkaOptions kafka;

  @Parameters(index = "0", paramLabel = "FILE", description = "The data file (for IDX: the images file). Gzip is detected.")
  Path file;

  @Option(names = "--format", description = "csv, jsonl or idx; by default guessed from the file name.")
  FileFormat format;

  @Option(names = "--labels", paramLabel = "FILE", description = "IDX only: the labels file.")
  Path labels;

  @Option(names = "--env", paramLabel = "NAME", description = "Environment for rows without one (IDX: required).")
  String environment;

  @Option(names = "--features", defaultValue = "0", description = "Expected feature count; 0 = learn from the first good row.")
  int features;

  @Option(names = "--classes", defaultValue = "0", description = "Number of classes; labels outside 0..classes-1 are rejected; 0 = any.")
  int classes;

  @Option(names = "--scale", defaultValue = "UNIT", description = "IDX pixels: RAW (0-255) or UNIT (0-1) (default: ${DEFAULT-VALUE}).")
  PixelScale scale;

  @Option(names = "--source-id", description = "Identity under which progress is kept for resuming (default: the file's real path).")
  String sourceId;

  @Option(names = "--transaction-rows", defaultValue = "2000", description = "Rows per Kafka transaction (default: ${DEFAULT-VALUE}).")
  int transactionRows;

  @Override
  public Integer call() throws IOException {
    Path real = file.toRealPath();
    FileFormat chosen = format != null ? format : FileFormat.guess(real);
    long size = Files.size(real);
    CountingInputStream counted = new CountingInputStream(new BufferedInputStream(Files.newInputStream(real)));
    KafkaClientSettings settings = kafka.settings();
    ProgressBar bar = new ProgressBar(System.err);
    try (Stream<ReadResult> rows = open(chosen, real, counted); Admin admin = Admin.create(settings.common(Map.of()))) {
      FileIngest ingest = new FileIngest(settings, kafka.topics(), new TopicProvisioner(admin, kafka.layout()),
          new ExampleValidator(features, classes), new SimpleMeterRegistry(), transactionRows);
      Stream<ReadResult> reported = rows.peek(row -> {
        if (row instanceof ReadResult.Rejected rejected) {
          System.err.println("\r" + rejected.message() + " [" + rejected.reasonCode() + "] -> dead-letter topic");
        }
      });
      IngestProgress done = ingest.run(sourceId != null ? sourceId : real.toString(), reported,
          chosen == FileFormat.idx ? () -> -1 : counted::count, chosen == FileFormat.idx ? -1 : size,
          progress -> bar.update(progress.fraction(), status(progress)));
      bar.finish(1.0, status(done));
      System.out.printf("%s: %d rows, %d produced, %d dead-lettered, %d skipped (already ingested)%n",
          real.getFileName(), done.rows(), done.accepted(), done.rejected(), done.skipped());
    } finally {
      counted.close();
    }
    return 0;
  }

  private static String status(IngestProgress p) {
    return String.format("%,d rows  %,d produced  %,d rejected  %,.0f rows/s", p.rows(), p.accepted(), p.rejected(), p.rowsPerSecond());
  }

  private Stream<ReadResult> open(FileFormat chosen, Path real, CountingInputStream counted) throws IOException {
    ReadOptions options = ReadOptions.defaults().withFeatureCount(features);
    if (environment != null) {
      options = options.withDefaultEnvironment(environment);
    }
    return switch (chosen) {
      case csv -> new CsvExampleReader(options).read(reader(counted), real.getFileName().toString());
      case jsonl -> new JsonLinesExampleReader(options).read(reader(counted), real.getFileName().toString());
      case idx -> {
        if (labels == null || environment == null) {
          throw new IllegalArgumentException("IDX ingest needs --labels FILE and --env NAME");
        }
        yield new IdxExampleReader(IdxReadOptions.of(environment).withScale(scale)).read(real, labels.toRealPath());
      }
    };
  }

  private static Reader reader(InputStream in) throws IOException {
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    InputStream body = first == 0x1f && second == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    return new InputStreamReader(body, StandardCharsets.UTF_8);
  }
}
