/** Exactly-once ingestion of CSV, JSON-lines and IDX files, resumable after a crash. */
package io.invstream.ingest.file;
