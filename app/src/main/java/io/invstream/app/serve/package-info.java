/** {@code invstream serve}: the newest committed model of a name behind a small JSON-over-HTTP prediction endpoint. */
package io.invstream.app.serve;
