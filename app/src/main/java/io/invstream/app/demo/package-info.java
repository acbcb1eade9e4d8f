/** {@code invstream demo}: the whole pipeline in one process, on an embedded broker with synthetic environments. */
package io.invstream.app.demo;
