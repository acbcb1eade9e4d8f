/** {@code invstream balance}: the balancer as a standalone process. */
package io.invstream.app.balance;
