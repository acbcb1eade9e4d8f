/** What makes an example usable, and the reasons one is rejected. */
package io.invstream.schemas.validation;
