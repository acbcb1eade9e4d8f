/** {@code invstream bench}: benchmark commands ({@code topology}; trainer and end-to-end ones join here). */
package io.invstream.app.bench;
