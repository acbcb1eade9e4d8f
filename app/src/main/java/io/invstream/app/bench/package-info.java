/** {@code invstream bench}: benchmark commands ({@code topology}, {@code trainer}, and {@code e2e} for the whole pipeline up to a served model). */
package io.invstream.app.bench;
