/** The pipeline's topics: one descriptor per topic (name and serdes) and their creation. */
package io.invstream.core.topic;
