/** The built-in live page and the {@code /metrics} endpoint, served over the JDK's HTTP server. */
package io.invstream.app.dashboard;
