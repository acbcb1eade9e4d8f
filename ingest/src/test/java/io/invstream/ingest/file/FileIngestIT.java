package io.invstream.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invstream.core.kafka.KafkaClientSettings;
import io.invstream.core.topic.TopicLayout;
import io.invstream.core.topic.TopicProvisioner;
import io.invstream.core.topic.Topics;
import io.invstream.schemas.validation.ExampleValidator;
import io.invstream.datasets.file.CsvExampleReader;
import io.invstream.datasets.file.ReadOptions;
import io.invstream.datasets.file.ReadResult;
import io.invstream.schemas.DeadLetter;
import io.invstream.schemas.Example;
import io.invstream.testing.KafkaCluster;
import io.invstream.testing.RealKafka;
import io.invstream.testing.TestTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

@RealKafka
class FileIngestIT {

  private static String csv(int rows) {
    StringBuilder text = new StringBuilder("env,label,f0,f1\n");
    for (int i = 0; i < rows; i++) {
      if (i % 10 == 7) {
        text.append("a,1,nan,2\n"); // rejected: non-finite
      } else {
        text.append(i % 2 == 0 ? "a" : "b").append(',').append(i % 2).append(',').append(i).append(",0.5\n");
      }
    }
    return text.toString();
  }

  @Test
  void producesGoodRowsOnceAndDeadLettersBadOnesEvenAfterACrashAndRerun(KafkaCluster cluster) throws Exception {
    Topics topics = new Topics(TestTopics.uniquePrefix("files"));
    KafkaClientSettings settings = KafkaClientSettings.of(cluster.bootstrapServers());
    String text = csv(100);
    try (Admin admin = Admin.create(settings.common(Map.of()))) {
      FileIngest ingest = new FileIngest(settings, topics, new TopicProvisioner(admin, TopicLayout.singleBroker()),
          new ExampleValidator(2, 2), new SimpleMeterRegistry(), 16);

      // First run dies after 40 rows, in the middle of its third transaction.
      AtomicInteger served = new AtomicInteger();
      Stream<ReadResult> crashing = rows(text).peek(r -> {
        if (served.incrementAndGet() > 40) {
          throw new IllegalStateException("simulated crash");
        }
      });
      assertThatThrownBy(() -> ingest.run("data.csv", crashing, () -> -1, -1, p -> { })).hasMessageContaining("simulated crash");
      assertThat(ingest.committedRows("data.csv")).isEqualTo(32);

      IngestProgress second = ingest.run("data.csv", rows(text), () -> -1, -1, p -> { });
      assertThat(second.skipped()).isEqualTo(32);
      assertThat(second.accepted() + second.rejected()).isEqualTo(68);

      IngestProgress third = ingest.run("data.csv", rows(text), () -> -1, -1, p -> { });
      assertThat(third.accepted()).isZero();
      assertThat(third.skipped()).isEqualTo(100);
    }

    List<Example> examples = readAll(settings, topics.environmentPattern(), topics.environment("a").valueSerde().deserializer(), 90);
    assertThat(examples).hasSize(90);
    assertThat(examples.stream().map(Example::getId).distinct().count()).isEqualTo(90);
    List<DeadLetter> dead = readAll(settings, java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(topics.deadLetters().name())),
        topics.deadLetters().valueSerde().deserializer(), 10);
    assertThat(dead).hasSize(10).allSatisfy(letter -> {
      assertThat(letter.getReasonCode()).isEqualTo("NON_FINITE");
      assertThat(letter.getSourceLocation()).startsWith("data.csv:");
    });
    assertThat(dead.get(0).getSourceLocation()).isEqualTo("data.csv:9");
  }

  private static Stream<ReadResult> rows(String text) {
    try {
      return new CsvExampleReader(ReadOptions.defaults()).read(new StringReader(text), "data.csv");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static <T> List<T> readAll(KafkaClientSettings settings, java.util.regex.Pattern pattern,
      org.apache.kafka.common.serialization.Deserializer<T> deserializer, int expected) {
    List<T> values = new ArrayList<>();
    try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(settings.consumer("check-" + System.nanoTime(), Map.of()),
        new org.apache.kafka.common.serialization.StringDeserializer(), deserializer)) {
      consumer.subscribe(pattern);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      // Read until the deadline even after reaching the expected count, so duplicates would show.
      while (System.nanoTime() < deadline && (values.size() < expected || System.nanoTime() < deadline - Duration.ofSeconds(17).toNanos())) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
      }
    }
    return values;
  }
}
