package io.invstream.app.cli;

import picocli.CommandLine.IVersionProvider;

/** The version recorded in the jar's manifest by the build. */
public final class CodeVersion implements IVersionProvider {

  /** This build's version, or {@code dev} when run from classes rather than the jar. */
  public static String current() {
    String version = CodeVersion.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"invstream " + current(), "Java " + Runtime.version()};
  }
}
