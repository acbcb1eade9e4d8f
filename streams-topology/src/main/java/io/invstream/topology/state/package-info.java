/** The balancer's state store layout: keys, slot values, bucket headers and per-task metadata. */
package io.invstream.topology.state;
