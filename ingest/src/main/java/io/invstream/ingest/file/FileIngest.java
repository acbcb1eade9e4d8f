package io.invstream.ingest.file;

import io.invstream.core.deadletter.DeadLetterCounter;
import io.invstream.core.kafka.CommittedTail;
import io.invstream.core.kafka.KafkaClientSettings;
import io.invstream.core.topic.TopicProvisioner;
import io.invstream.core.topic.TopicSpec;
import io.invstream.core.topic.Topics;
import io.invstream.schemas.validation.ExampleValidator;
import io.invstream.schemas.validation.Rejection;
import io.invstream.datasets.file.ReadResult;
import io.invstream.schemas.DeadLetter;
import io.invstream.schemas.Example;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces a file's rows to the environment topics exactly once, even across crashes and reruns.
 *
 * <p>Rows go out in Kafka transactions of at most {@code rowsPerTransaction} rows; each transaction
 * also writes the number of rows done to the compacted {@code <prefix>.ingest-progress} topic under
 * the file's source id. A rerun reads that count and skips those rows, and because the examples and
 * the count commit together, no row is lost or produced twice (consumers read committed data only).
 * Rejected rows go to the dead-letter topic in the same transaction, with their location and reason.
 */
public final class FileIngest {

  private final KafkaClientSettings settings;
  private final Topics topics;
  private final TopicProvisioner provisioner;
  private final ExampleValidator validator;
  private final MeterRegistry registry;
  private final int rowsPerTransaction;
  private final DeadLetterCounter deadLetters;

  public FileIngest(KafkaClientSettings settings, Topics topics, TopicProvisioner provisioner, ExampleValidator validator,
      MeterRegistry registry, int rowsPerTransaction) {
    if (rowsPerTransaction < 1) {
      throw new IllegalArgumentException("rowsPerTransaction must be >= 1");
    }
    this.settings = settings;
    this.topics = topics;
    this.provisioner = provisioner;
    this.validator = validator;
    this.registry = registry;
    this.rowsPerTransaction = rowsPerTransaction;
    this.deadLetters = new DeadLetterCounter(registry, "ingest");
  }

  /**
   * Ingests {@code rows}, resuming after the rows an earlier run with the same {@code sourceId} committed.
   *
   * @param sourceId stable identity of the input, e.g. its canonical path
   * @param bytesRead reports how much of the file has been read, for progress; may return -1
   * @param totalBytes the file's size, or -1 when unknown
   * @param progress called about twice a second and once at the end
   * @return the final progress
   */
  public IngestProgress run(String sourceId, Stream<ReadResult> rows, LongSupplier bytesRead, long totalBytes,
      Consumer<IngestProgress> progress) {
    provisioner.ensurePipelineTopics(topics, Set.of());
    long start = System.nanoTime();
    long lastReport = start;
    long count = 0;
    long accepted = 0;
    long rejected = 0;
    long alreadyDone;
    Set<String> environments = new HashSet<>();
    try (KafkaProducer<String, byte[]> producer = transactionalProducer(sourceId)) {
      // First settle the previous run's last transaction (initTransactions waits until it is
      // committed or aborted, markers written); only then is its progress readable.
      producer.initTransactions();
      alreadyDone = committedRows(sourceId);
      Iterator<ReadResult> iterator = rows.iterator();
      boolean open = false;
      long inTransaction = 0;
      while (iterator.hasNext()) {
        ReadResult row = iterator.next();
        count++;
        if (count <= alreadyDone) {
          continue;
        }
        if (!open) {
          producer.beginTransaction();
          open = true;
        }
        if (send(producer, row, environments)) {
          accepted++;
        } else {
          rejected++;
        }
        if (++inTransaction == rowsPerTransaction) {
          commit(producer, sourceId, count);
          open = false;
          inTransaction = 0;
        }
        long now = System.nanoTime();
        if (now - lastReport > 500_000_000L) {
          lastReport = now;
          progress.accept(new IngestProgress(count, accepted, rejected, Math.min(count, alreadyDone), bytesRead.getAsLong(), totalBytes, now - start));
        }
      }
      if (open) {
        commit(producer, sourceId, count);
      }
    }
    IngestProgress done = new IngestProgress(count, accepted, rejected, Math.min(count, alreadyDone), bytesRead.getAsLong(),
        totalBytes, System.nanoTime() - start);
    progress.accept(done);
    return done;
  }

  private boolean send(KafkaProducer<String, byte[]> producer, ReadResult row, Set<String> environments) {
    if (row instanceof ReadResult.Accepted accepted) {
      Example example = accepted.example();
      Optional<Rejection> problem = validator.check(example);
      if (problem.isPresent()) {
        deadLetter(producer, DeadLetter.newBuilder().setStage("ingest").setReason(row.location() + ": " + problem.get().message())
            .setReasonCode(problem.get().reason().name()).setSourceLocation(row.location()).setTimestamp(Instant.now()).build());
        return false;
      }
      String environment = example.getEnvironment();
      if (environments.add(environment)) {
        provisioner.ensureEnvironment(topics, environment);
      }
      TopicSpec<String, Example> topic = topics.environment(environment);
      producer.send(new ProducerRecord<>(topic.name(), null, example.getEventTime().toEpochMilli(), example.getId(),
          topic.valueSerde().serializer().serialize(topic.name(), example)));
      Counter.builder("invstream.ingest.examples").tag("environment", environment).register(registry).increment();
      return true;
    }
    ReadResult.Rejected rejected = (ReadResult.Rejected) row;
    deadLetter(producer, rejected.toDeadLetter("ingest", Instant.now()));
    return false;
  }

  private void deadLetter(KafkaProducer<String, byte[]> producer, DeadLetter letter) {
    TopicSpec<String, DeadLetter> topic = topics.deadLetters();
    producer.send(new ProducerRecord<>(topic.name(), letter.getSourceLocation(), topic.valueSerde().serializer().serialize(topic.name(), letter)));
    deadLetters.increment(letter.getReasonCode());
  }

  private void commit(KafkaProducer<String, byte[]> producer, String sourceId, long rowsDone) {
    producer.send(new ProducerRecord<>(topics.ingestProgress().name(), sourceId,
        Long.toString(rowsDone).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    producer.commitTransaction();
  }

  private KafkaProducer<String, byte[]> transactionalProducer(String sourceId) {
    // One transactional id per source: a rerun fences a zombie still writing the same file.
    String transactionalId = "invstream-ingest-" + topics.prefix() + "-" + Integer.toHexString(sourceId.hashCode());
    return new KafkaProducer<>(settings.producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId)),
        new StringSerializer(), new ByteArraySerializer());
  }

  /** Rows of {@code sourceId} committed by earlier runs: the last value under its key. */
  long committedRows(String sourceId) {
    TopicSpec<String, String> progressTopic = topics.ingestProgress();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings.consumer("unused", Map.of()),
        progressTopic.keySerde().deserializer(), progressTopic.valueSerde().deserializer())) {
      long[] done = {0};
      CommittedTail.read(settings, consumer, java.util.List.of(new TopicPartition(progressTopic.name(), 0)), record -> {
        if (sourceId.equals(record.key()) && record.value() != null) {
          done[0] = Long.parseLong(record.value());
        }
      });
      return done[0];
    }
  }
}
