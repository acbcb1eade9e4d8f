/** A single-node KRaft Kafka broker that runs inside the JVM: the demo's broker and the tests' fixture. */
package io.invstream.broker;
