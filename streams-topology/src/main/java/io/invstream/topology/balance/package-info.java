/** The balancing processor: buffers per environment, cut decisions per policy, batch assembly and state restoration. */
package io.invstream.topology.balance;
