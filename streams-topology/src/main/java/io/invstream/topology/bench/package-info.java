/** The topology benchmark: balancer against a pass-through topology on the same broker and input. */
package io.invstream.topology.bench;
