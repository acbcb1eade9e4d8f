/**
 * Parameter layouts and blocks (named tensors over one flat buffer), per-environment gradient
 * stacks, and the host-side forms used to publish and restore them.
 */
package io.invstream.trainer.param;
