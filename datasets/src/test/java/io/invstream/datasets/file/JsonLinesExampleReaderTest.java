package io.invstream.datasets.file;

import io.invstream.schemas.validation.RejectReason;
import static io.invstream.datasets.file.ReadResults.accepted;
import static io.invstream.datasets.file.ReadResults.features;
import static io.invstream.datasets.file.ReadResults.jsonl;
import static io.invstream.datasets.file.ReadResults.mask;
import static io.invstream.datasets.file.ReadResults.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.schemas.Example;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesExampleReaderTest {

  private List<ReadResult> fixture() throws IOException {
    return ReadResults.all(new JsonLinesExampleReader(ReadOptions.defaults())
        .read(ReadResults.resource("every-rejection.jsonl")));
  }

  @Test
  void everyRejectionReasonIsReportedAtItsLineAndTheReadGoesOn() throws IOException {
    List<ReadResult> results = fixture();

    assertThat(results).extracting(ReadResult::location).containsExactly(
        "every-rejection.jsonl:1", "every-rejection.jsonl:2", "every-rejection.jsonl:3", "every-rejection.jsonl:4",
        "every-rejection.jsonl:5", "every-rejection.jsonl:6", "every-rejection.jsonl:7", "every-rejection.jsonl:8",
        "every-rejection.jsonl:9", "every-rejection.jsonl:10", "every-rejection.jsonl:11",
        "every-rejection.jsonl:12", "every-rejection.jsonl:13", "every-rejection.jsonl:14",
        "every-rejection.jsonl:15", "every-rejection.jsonl:17", "every-rejection.jsonl:18",
        "every-rejection.jsonl:19", "every-rejection.jsonl:20");
    assertThat(results).extracting(r -> r instanceof ReadResult.Rejected rej ? rej.reasonCode() : "ACCEPTED")
        .containsExactly("ACCEPTED", "MISSING_ENVIRONMENT", "MISSING_LABEL", "BAD_LABEL", "NON_FINITE",
            "NON_FINITE", "WRONG_DIMENSION", "BAD_MASK", "BAD_WEIGHT", "BAD_TIME", "MALFORMED", "MALFORMED",
            "MALFORMED", "MALFORMED", "ACCEPTED", "ACCEPTED", "NON_FINITE", "MALFORMED", "MALFORMED");
  }

  @Test
  void rejectionMessagesSayWhereAndWhat() throws IOException {
    List<ReadResult> results = fixture();

    assertThat(rejected(results.get(4)).message())
        .isEqualTo("every-rejection.jsonl:5: feature 1 (features[1]) is NaN");
    assertThat(rejected(results.get(5)).message()).contains("feature 1 (features[1]) is missing");
    assertThat(rejected(results.get(3)).message()).contains("label '1.5'");
    assertThat(rejected(results.get(9)).message()).contains("time '2024-05-01T12:00:00'", "with offset");
    assertThat(rejected(results.get(10)).message()).contains("not valid JSON");
    assertThat(rejected(results.get(11)).message()).contains("the line is a JSON array, not an object");
    assertThat(rejected(results.get(12)).message()).contains("unknown field 'wieght'", "env, label, features");
    assertThat(rejected(results.get(13)).message()).contains("Duplicate field 'env'");
    assertThat(rejected(results.get(16)).message()).isEqualTo(
        "every-rejection.jsonl:18: feature 1 (features[1]) is 1.0E40, beyond the float32 range");
    assertThat(rejected(results.get(17)).message()).contains("feature 1 (features[1]) 'x' is not a number");
    assertThat(rejected(results.get(18)).message()).contains("f1 is missing");
    assertThat(rejected(results.get(1)).rawText()).isEqualTo("{\"label\": 1, \"features\": [1, 2, 3]}");
  }

  @Test
  void acceptedLinesCarryEveryFieldInBothForms() throws IOException {
    List<ReadResult> results = fixture();

    Example first = accepted(results.get(0));
    assertThat(first.getEnvironment()).isEqualTo("a");
    assertThat(first.getId()).isEqualTo("first");
    assertThat(first.getEventTime()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
    assertThat(first.getWeight()).isEqualTo(1.5f);
    assertThat(mask(results.get(0))).containsExactly(0f, 0f, 1f);

    Example numbered = accepted(results.get(14));
    assertThat(features(results.get(14))).containsExactly(4f, 5f, 6f);
    assertThat(mask(results.get(14))).containsExactly(0f, 0f, 1f);
    assertThat(numbered.getLabel()).isEqualTo(2);
    assertThat(numbered.getEventTime()).isEqualTo(Instant.ofEpochMilli(1714564800000L));
    assertThat(numbered.getId()).isEqualTo("every-rejection.jsonl:15");

    assertThat(features(results.get(15))).as("numbers written as strings").containsExactly(1.5f, 2f, 3f);
    assertThat(accepted(results.get(15)).getLabel()).isEqualTo(3);
  }

  @Test
  void wrongJsonTypesAreNamedInTheMessage() {
    List<ReadResult> results = jsonl("""
        {"env": 7, "label": 1, "features": [1]}
        {"env": "a", "label": true, "features": [1]}
        {"env": "a", "label": 1, "features": "1 2"}
        {"env": "a", "label": 1, "features": [1], "mask": {"m": 1}}
        {"env": "a", "label": 1, "features": [1], "weight": "heavy"}
        {"env": "a", "label": 1, "features": [1], "time": 1.5e12}
        {"env": "a", "label": 1, "features": [[1]]}
        """);

    assertThat(results).extracting(r -> rejected(r).reason()).containsExactly(RejectReason.MALFORMED,
        RejectReason.BAD_LABEL, RejectReason.MALFORMED, RejectReason.BAD_MASK, RejectReason.BAD_WEIGHT,
        RejectReason.BAD_TIME, RejectReason.MALFORMED);
    assertThat(rejected(results.get(0)).message()).contains("env must be a JSON string, got number 7");
    assertThat(rejected(results.get(2)).message()).contains("features must be a JSON array, got string \"1 2\"");
    assertThat(rejected(results.get(6)).message()).contains("feature 0 (features[0]) is array [1], not a number");
  }

  @Test
  void textAfterTheObjectIsMalformed() {
    ReadResult.Rejected r = rejected(jsonl("{\"env\": \"a\", \"label\": 1, \"features\": [1]} {}\n").get(0));

    assertThat(r.reason()).isEqualTo(RejectReason.MALFORMED);
    assertThat(r.location()).isEqualTo("t.jsonl:1");
  }

  @Test
  void nullMaskAndWeightMeanNone() {
    Example e = accepted(jsonl("{\"env\": \"a\", \"label\": 1, \"features\": [1], \"mask\": null, \"weight\": null}")
        .get(0));

    assertThat(e.getMask()).isNull();
    assertThat(e.getWeight()).isNull();
  }
}
