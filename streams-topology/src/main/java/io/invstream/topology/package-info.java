/**
 * The balancer: a Kafka Streams topology that turns per-environment example topics into
 * environment-balanced batches ({@link io.invstream.topology.BalancerTopology}), its configuration
 * ({@link io.invstream.topology.BalancerConfig}) and its runner ({@link io.invstream.topology.BalancerService}).
 */
package io.invstream.topology;
