/** The published architectures as plain-Java forward passes: parsing their descriptions, their parameter shapes, their logits. */
package io.invstream.client.inference;
