/** The {@code invstream} command line: one picocli command per verb, configured by flags, environment variables and a properties file. */
package io.invstream.app.cli;
