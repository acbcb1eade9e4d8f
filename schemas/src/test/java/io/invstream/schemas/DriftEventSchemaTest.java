package io.invstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

class DriftEventSchemaTest {

  private final AvroSerde<DriftEvent> serde = AvroSerde.of(DriftEvent.class);

  static DriftEvent event(Integer featureIndex, DriftDetector detector) {
    return DriftEvent.newBuilder().setModelName("m").setEnvironment("hospital-a").setDetector(detector)
        .setLevel(DriftSeverity.DRIFT).setFeatureIndex(featureIndex).setStatistic(0.31).setThreshold(0.25).setStep(812)
        .setModelVersion(16).setEventTime(Instant.ofEpochMilli(1_700_000_000_000L))
        .setDetectedAt(Instant.ofEpochMilli(1_700_000_000_500L)).build();
  }

  @Test
  void dataAndConceptDriftEventsRoundTrip() {
    DriftEvent data = event(3, DriftDetector.PSI);
    DriftEvent concept = event(null, DriftDetector.ADWIN);

    assertThat(serde.deserialize("t", serde.serialize("t", data))).isEqualTo(data);
    assertThat(serde.deserialize("t", serde.serialize("t", concept))).isEqualTo(concept);
    assertThat(serde.deserialize("t", serde.serialize("t", concept)).getFeatureIndex()).isNull();
  }

  @Test
  void aDetectorAddedByALaterWriterReadsAsUnknown() throws java.io.IOException {
    Schema current = DriftEvent.getClassSchema();
    String futureText = current.toString().replace("\"PAGE_HINKLEY\",", "\"PAGE_HINKLEY\",\"CUSUM\",");
    Schema future = new Schema.Parser().parse(futureText);
    GenericRecord written = new GenericData.Record(future);
    for (Schema.Field field : future.getFields()) {
      written.put(field.name(), GenericData.get().deepCopy(field.schema(), valueOf(field.name(), future)));
    }
    byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), future).encode(written).array();

    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, future).getType())
        .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    BinaryMessageDecoder<DriftEvent> decoder = new BinaryMessageDecoder<>(SpecificData.get(), current);
    decoder.addSchema(future);
    assertThat(decoder.decode(bytes).getDetector()).isEqualTo(DriftDetector.UNKNOWN);
  }

  private static Object valueOf(String field, Schema schema) {
    return switch (field) {
      case "modelName", "environment" -> "x";
      case "detector" -> new GenericData.EnumSymbol(schema.getField("detector").schema(), "CUSUM");
      case "level" -> new GenericData.EnumSymbol(schema.getField("level").schema(), "DRIFT");
      case "featureIndex" -> null;
      case "statistic", "threshold" -> 1.0;
      default -> 7L;
    };
  }
}
