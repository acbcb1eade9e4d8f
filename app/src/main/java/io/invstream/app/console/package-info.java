/** Terminal output of long-running commands: progress bars and status lines on standard error. */
package io.invstream.app.console;
