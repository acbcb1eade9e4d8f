/**
 * The vocabulary shared by all detectors: drift levels, detector kinds, graded assessments and the
 * drift event record.
 */
package io.invstream.drift;
