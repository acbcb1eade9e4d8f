/**
 * {@code invstream experiment}: replays every registered algorithm on each data set's protocol and
 * writes the results table, the run files and the plots to one folder.
 */
package io.invstream.app.experiment;
