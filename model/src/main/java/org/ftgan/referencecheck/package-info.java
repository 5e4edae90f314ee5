/**
 * Step parity with the PyTorch reference ({@code ../shared/peer/ftgan_ref.py}): exports one training
 * iteration (topology, initial parameters, batch, loss terms, gradients, updated parameters) for
 * {@code tools/reference_check.py}, which replays it through the reference's modules.
 */
package org.ftgan.referencecheck;
