/** The balancer's Micrometer meters. */
package io.invstream.topology.metrics;
