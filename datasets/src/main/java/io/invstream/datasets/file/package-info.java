/** Streaming readers that turn CSV, JSON-lines and IDX files into accepted examples or located rejections. */
package io.invstream.datasets.file;
