package io.invstream.app.cli;

import io.invstream.core.kafka.KafkaClientSettings;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Supplies option values a command line leaves out, so precedence is: flag, then environment
 * variable {@code INVSTREAM_<OPTION>} (e.g. {@code INVSTREAM_HTTP_PORT}), then the properties file's
 * {@code invstream.<option>} key (e.g. {@code invstream.http-port}), then the option's own default.
 * {@code --bootstrap-server} also reads Kafka's {@code bootstrap.servers} from the file.
 */
final class ConfigDefaults implements IDefaultValueProvider {

  private final Map<String, String> environment;
  private final Map<String, String> file;

  ConfigDefaults(Map<String, String> environment, Path propertiesFile) {
    this.environment = Map.copyOf(environment);
    this.file = propertiesFile == null ? Map.of() : KafkaClientSettings.readProperties(propertiesFile);
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option) || !option.longestName().startsWith("--")) {
      return argSpec.defaultValue();
    }
    String name = option.longestName().substring(2);
    String fromEnvironment = environment.get(environmentVariable(name));
    if (fromEnvironment != null) {
      return fromEnvironment;
    }
    String fromFile = file.get(KafkaClientSettings.OWN_PREFIX + name);
    if (fromFile == null && name.equals("bootstrap-server")) {
      fromFile = file.get("bootstrap.servers");
    }
    return fromFile != null ? fromFile : argSpec.defaultValue();
  }

  /** {@code http-port} becomes {@code INVSTREAM_HTTP_PORT}. */
  static String environmentVariable(String optionName) {
    return "INVSTREAM_" + optionName.replace('-', '_').toUpperCase(Locale.ROOT);
  }
}
