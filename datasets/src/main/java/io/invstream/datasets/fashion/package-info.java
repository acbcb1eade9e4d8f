/** Benchmark data sets built from Fashion-MNIST: Colored (IRM protocol), Decoy (RRR protocol) and plain. */
package io.invstream.datasets.fashion;
