package io.invstream.trainer.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invstream.trainer.model.LogisticRegression;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.model.ModelSpec;
import io.invstream.trainer.param.NamedTensor;
import io.invstream.trainer.param.SavedState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads the reference fixtures under the test resource folder {@code reference/} (written by
 * {@code src/test/python/make_reference_fixtures.py}; format in {@code src/test/python/README.md}).
 *
 * <pre>{@code
 * ReferenceFixture f = ReferenceFixtures.load("irm-split");
 * for (ReferenceFixture.Step step : f.steps()) {
 *   model.parameters().load(backend, ReferenceTensor.toNamedTensors(step.parameters()));
 *   StepReport report = trainer.step(step.batch());
 *   double[] expected = ReferenceTensor.flatten(step.expected().update());
 * }
 * }</pre>
 */
public final class ReferenceFixtures {

  /** The format this loader reads; a fixture declaring another one is refused. */
  public static final String FORMAT = "invstream-reference-fixture/1";

  private static final String FOLDER = "reference/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReferenceFixtures() {}

  /** Names (without {@code .json}) of every fixture in the folder, sorted. */
  public static List<String> available() {
    URL folder = ReferenceFixtures.class.getClassLoader().getResource(FOLDER);
    if (folder == null) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - ".json".length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The fixture {@code reference/<name>.json} from the test class path. */
  public static ReferenceFixture load(String name) {
    String resource = FOLDER + name + ".json";
    try (InputStream in = ReferenceFixtures.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + resource + " on the test class path; available: " + available());
      }
      return parse(name, JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  static ReferenceFixture parse(String name, JsonNode root) {
    String format = text(root, "format");
    if (!FORMAT.equals(format)) {
      throw new IllegalArgumentException("fixture " + name + " has format '" + format + "', this loader reads " + FORMAT);
    }
    Map<String, String> hyperparameters = new LinkedHashMap<>();
    root.path("hyperparameters").properties().forEach(e -> hyperparameters.put(e.getKey(), e.getValue().asText()));
    List<ReferenceFixture.Step> steps = new ArrayList<>();
    for (JsonNode step : required(root, "steps")) {
      steps.add(step(step));
    }
    JsonNode initial = root.path("initialState");
    return new ReferenceFixture(
        name, text(root, "algorithm"), root.path("description").asText(""), hyperparameters,
        model(required(root, "model")), initial.isObject() ? savedState(initial) : null, steps);
  }

  private static ReferenceFixture.Step step(JsonNode step) {
    List<ReferenceEnvironment> environments = new ArrayList<>();
    for (JsonNode env : required(step, "environments")) {
      environments.add(
          new ReferenceEnvironment(
              text(env, "name"), matrix(required(env, "features")), ints(required(env, "labels")),
              env.path("weights").isArray() ? doubles(env.get("weights")) : null,
              env.path("annotations").isArray() ? matrix(env.get("annotations")) : null));
    }
    JsonNode expected = required(step, "expected");
    Map<String, Double> penalties = new LinkedHashMap<>();
    expected.path("penalties").properties().forEach(e -> penalties.put(e.getKey(), e.getValue().asDouble()));
    return new ReferenceFixture.Step(
        required(step, "updateCount").asLong(),
        tensors(required(step, "parameters")),
        environments,
        new ReferenceFixture.Expected(
            text(expected, "updateKind"), tensors(required(expected, "update")),
            doubles(required(expected, "losses")), penalties, tensors(expected.path("state"))));
  }

  private static ModelSpec model(JsonNode model) {
    String type = text(model, "type");
    int inputs = required(model, "inputs").asInt();
    int classes = required(model, "classes").asInt();
    return switch (type) {
      case "mlp" -> new Mlp(inputs, Arrays.stream(ints(required(model, "hidden"))).boxed().toList(), classes);
      case "logistic" -> new LogisticRegression(inputs, classes);
      default -> throw new IllegalArgumentException("unknown model type '" + type + "' (mlp, logistic)");
    };
  }

  private static SavedState savedState(JsonNode node) {
    Map<String, String> values = new LinkedHashMap<>();
    node.path("values").properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
    List<NamedTensor> tensors = ReferenceTensor.toNamedTensors(tensors(node.path("tensors")));
    return new SavedState(text(node, "kind"), values, tensors);
  }

  private static List<ReferenceTensor> tensors(JsonNode array) {
    List<ReferenceTensor> out = new ArrayList<>();
    for (JsonNode t : array) {
      ReferenceTensor tensor = new ReferenceTensor(text(t, "name"), ints(required(t, "shape")), doubles(required(t, "data")));
      long size = 1;
      for (int d : tensor.shape()) {
        size *= d;
      }
      if (size != tensor.data().length) {
        throw new IllegalArgumentException(
            "tensor '" + tensor.name() + "' of shape " + Arrays.toString(tensor.shape()) + " has "
                + tensor.data().length + " values");
      }
      out.add(tensor);
    }
    return out;
  }

  private static double[][] matrix(JsonNode rows) {
    double[][] out = new double[rows.size()][];
    for (int r = 0; r < out.length; r++) {
      out[r] = doubles(rows.get(r));
    }
    return out;
  }

  private static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  private static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("fixture is missing '" + field + "' in " + abbreviate(node));
    }
    return v;
  }

  private static String text(JsonNode node, String field) {
    return required(node, field).asText();
  }

  private static String abbreviate(JsonNode node) {
    String s = node.toString();
    return s.length() > 120 ? s.substring(0, 120) + "…" : s;
  }
}
