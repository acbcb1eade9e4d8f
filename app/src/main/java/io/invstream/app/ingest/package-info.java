/** {@code invstream ingest}: produce examples to the environment topics, from the synthetic source or from files. */
package io.invstream.app.ingest;
