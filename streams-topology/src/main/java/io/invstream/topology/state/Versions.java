package io.invstream.topology.state;

/** Guards the hand-written binary layouts of the state store against a format this code cannot read. */
final class Versions {

  private Versions() {}

  static void check(byte found, byte expected, String what) {
    if (found != expected) {
      throw new IllegalStateException("The balancer's state holds a " + what + " of format version " + found
          + " but this build reads version " + expected + ". Reset the application (kafka-streams-application-reset) "
          + "or run the build that wrote it.");
    }
  }
}
