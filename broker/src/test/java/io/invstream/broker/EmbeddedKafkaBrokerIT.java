package io.invstream.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerIT {

  @Test
  void aRecordSurvivesABrokerRestart() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.ephemeral())) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get();
      }
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(broker))) {
        producer.send(new ProducerRecord<>("t", "k", "before-restart")).get();
      }

      broker.restart();

      try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(broker))) {
        producer.send(new ProducerRecord<>("t", "k", "after-restart")).get();
      }
      Properties c = new Properties();
      c.put("bootstrap.servers", broker.bootstrapServers());
      c.put("group.id", "g");
      c.put("auto.offset.reset", "earliest");
      try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
        consumer.subscribe(List.of("t"));
        List<String> seen = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (seen.size() < 2 && System.nanoTime() < deadline) {
          ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
          records.forEach(r -> seen.add(r.value()));
        }
        assertThat(seen).containsExactly("before-restart", "after-restart");
      }
    }
  }

  private static Properties producerProps(EmbeddedKafkaBroker broker) {
    Properties p = new Properties();
    p.put("bootstrap.servers", broker.bootstrapServers());
    p.put("key.serializer", StringSerializer.class.getName());
    p.put("value.serializer", StringSerializer.class.getName());
    return p;
  }
}
