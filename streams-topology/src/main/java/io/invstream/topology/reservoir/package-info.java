/** Per-environment reservoirs of earlier examples: which examples are kept, and which are replayed. */
package io.invstream.topology.reservoir;
