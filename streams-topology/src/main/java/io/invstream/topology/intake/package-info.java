/** Reading input records: decoding, checking, and the reasons a record is refused. */
package io.invstream.topology.intake;
