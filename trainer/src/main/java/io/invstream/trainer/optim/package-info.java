/** Optimisers (Adam, SGD with momentum) as fused backend kernels, their configs and clipping. */
package io.invstream.trainer.optim;
