/** {@code invstream broker}: the embedded KRaft broker as a standalone process. */
package io.invstream.app.broker;
