/** Test fixtures shared by every module: a real Kafka cluster and unique topic names. */
package io.invstream.testing;
