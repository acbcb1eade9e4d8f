/**
 * The balancing processor: per-environment buffers and their store layout, when to cut and what a
 * cut holds under each policy, batch assembly, outputs and state restoration.
 */
package io.invstream.topology.balance;
