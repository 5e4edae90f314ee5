/**
 * The FaceTuneGAN network as explicit modules on ND4J arrays, with hand-derived backward passes.
 *
 * <h2>Modules</h2>
 * {@link org.ftgan.nn.Module}: {@code forward(x)} returns an array the module owns (overwritten by its
 * next forward); {@code backward(dy)} returns dL/dx (also owned) and adds dL/d(parameter) into every
 * {@link org.ftgan.nn.Parameter#grad()}. One backward per forward; {@code replica()} gives a module
 * sharing the Parameters with its own buffers, for calling the same weights again before backward.
 * Shapes: mesh features [batch, vertices, channels], vectors [batch, features]; FLOAT or DOUBLE.
 *
 * <h2>Networks</h2>
 * {@link org.ftgan.nn.ContentEncoder} and {@link org.ftgan.nn.StyleEncoder} are Modules (meshes to codes).
 * {@link org.ftgan.nn.DecoderWithMapping}{@code .forward(content, style)} runs the
 * {@link org.ftgan.nn.MappingNetwork} (style to N_adain values) and the {@link org.ftgan.nn.Decoder},
 * whose AdaIN layers read their gamma and beta as consecutive column blocks of the mapping output;
 * {@code backward(dMesh)} returns dL/d content and dL/d style, the AdaIN gradients having flowed back
 * through the mapping. {@link org.ftgan.nn.Discriminator}{@code .forward(meshes)} returns logits and the
 * feature layer Df; {@code backward(dLogits, dFeatures)} takes either or both.
 *
 * <h2>Kernels</h2>
 * Modules check shapes, own their buffers and call {@link org.ftgan.nn.Kernels} for the work: gathers,
 * scatter sums, spiral products, ELU, norms, AdaIN, bias, the Adam update. The CPU kernels are plain
 * Java loops over the arrays' host buffers, split by batch sample across
 * {@link org.ftgan.nn.Parallel#threads()} threads; the ND4J kernels use ND4J ops only (the CUDA path).
 * One is chosen per process ({@link org.ftgan.nn.Kernels#current()}). Matrix products go through
 * {@link org.ftgan.nn.Gemm} to ND4J's gemm in both, which runs on Intel MKL on the CPU
 * ({@link org.ftgan.nn.BlasLibrary}). Run with
 * {@code OMP_WAIT_POLICY=PASSIVE}: ND4J's OpenMP threads otherwise spin after each op and starve the
 * next BLAS call or Java loop on a 2-core machine.
 */
package org.ftgan.nn;
