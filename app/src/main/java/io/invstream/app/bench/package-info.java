/** {@code invstream bench}: benchmark commands ({@code topology}, {@code trainer}). */
package io.invstream.app.bench;
