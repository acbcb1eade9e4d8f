/** The synthetic invariant-mechanism-plus-shortcut task of "Learning explanations that are hard to vary". */
package io.invstream.datasets.synthetic;
