/** Dead letters: records the pipeline refused, kept with their reason and original bytes. */
package io.invstream.core.deadletter;
