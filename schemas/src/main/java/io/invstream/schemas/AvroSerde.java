package io.invstream.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro class using Avro's single-object encoding: each message starts
 * with a 2-byte marker and the 8-byte fingerprint of the writer's schema, so a reader resolves any
 * schema version listed in {@link SchemaHistory} without a registry server.
 *
 * <p>Every decoding failure (bad header, unknown fingerprint, truncated body) surfaces as Kafka's
 * {@link SerializationException}, which the pipeline routes to the dead-letter topic.
 *
 * @param <T> the generated record class
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

  static {
    TrustedPackages.install();
  }

  private final Class<T> type;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  private AvroSerde(Class<T> type) {
    this.type = type;
    SpecificData data = SpecificData.getForClass(type);
    Schema schema = data.getSchema(type);
    this.encoder = new BinaryMessageEncoder<>(data, schema);
    this.decoder = new BinaryMessageDecoder<>(data, schema);
    SchemaHistory.olderVersionsOf(schema.getFullName()).forEach(decoder::addSchema);
  }

  /** A serde for {@code type}, able to read every historical version of its schema. */
  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
    return new AvroSerde<>(type);
  }

  /** The record class this serde reads and writes. */
  public Class<T> type() {
    return type;
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    try {
      ByteBuffer buffer = encoder.encode(data);
      return Arrays.copyOfRange(buffer.array(), buffer.arrayOffset() + buffer.position(),
          buffer.arrayOffset() + buffer.limit());
    } catch (IOException | AvroRuntimeException e) {
      throw new SerializationException("Cannot encode " + type.getSimpleName() + " for topic " + topic
          + ": " + e.getMessage(), e);
    }
  }

  @Override
  public T deserialize(String topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return decoder.decode(bytes);
    } catch (IOException | RuntimeException e) {
      // MissingSchemaException and BadHeaderException are unchecked: every failure reads the same.
      throw new SerializationException("Cannot decode " + type.getSimpleName() + " from topic " + topic
          + " (" + bytes.length + " bytes): " + e.getMessage()
          + ". Producers must write Avro single-object encoding of a schema version listed in SchemaHistory.", e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }

  @Override
  public void configure(java.util.Map<String, ?> configs, boolean isKey) {
    // Nothing to configure: the schema comes from the generated class.
  }

  @Override
  public void close() {
    // Stateless apart from thread-local buffers owned by Avro.
  }
}
