package org.ftgan.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The hot operations under the network's modules, so that a module reads like torch.nn's: check the
 * shapes, allocate the outputs once per shape, call kernels. Two implementations:
 * <ul>
 * <li>{@link #cpu()}: plain Java loops over the arrays' host buffers, split across threads by batch
 * sample ({@link Parallel}); on the CPU they are several times faster than ND4J's gather and scatter
 * ops. Needs host memory (the nd4j-native backend).</li>
 * <li>{@link #nd4j()}: ND4J ops only (gather, {@code scatter_add}, broadcast and
 * transform ops), the path for arrays on a CUDA device; gradient-checked on the CPU.</li>
 * </ul>
 * {@link #current()} is chosen once per process: the CPU kernels on the CPU backend, the ND4J kernels
 * on any other, unless the system property {@code ftgan.kernels} says {@code cpu} or {@code nd4j}.
 * Matrix products go to ND4J's BLAS on both, through {@link Gemm} (MKL on the CPU: {@link BlasLibrary}).
 *
 * <p>Conventions: mesh features are dense c-order [B, V, C] arrays, per-sample vectors [B, C]; every
 * output array is given by the caller and overwritten (parameter gradients are added to); FLOAT or
 * DOUBLE, one type per call. Results of the CPU kernels do not depend on the thread count.
 */
public interface Kernels {

    /** The process's kernels. */
    static Kernels current() {
        return KernelChoice.current();
    }

    /** The Java-loop kernels; throws on a backend whose arrays are not in host memory. */
    static Kernels cpu() {
        return KernelChoice.cpu();
    }

    /** The ND4J-op kernels (the CUDA path). */
    static Kernels nd4j() {
        return Nd4jKernels.INSTANCE;
    }

    /** Replaces the process's kernels (tests run every module on both); returns the previous ones. */
    static Kernels use(Kernels kernels) {
        return KernelChoice.use(kernels);
    }

    /** True when ND4J's arrays live in host memory (the nd4j-native backend). */
    static boolean hostMemory() {
        return KernelChoice.HOST_MEMORY;
    }

    String name();

    // ---- indexing over the vertex axis

    /** out[b, p, :] = x[b, index[p], :] for every entry p of the index; out [B, entries, C]. */
    void gather(INDArray x, RowIndex index, INDArray out);

    /** out[b, u, :] = sum of rows[b, p, :] over the entries p with index[p] = u (0 if none); rows [B, entries, C]. */
    void scatterSum(INDArray rows, RowIndex index, INDArray out);

    /** out[b, i, :] = sum over k of w[i, k] x[b, index[i, k], :], for a weighted index; out [B, rows, C]. */
    void interpolate(INDArray x, RowIndex index, INDArray out);

    /** The transpose of {@link #interpolate}: dx[b, u, :] = sum of w[i, k] dy[b, i, :] over (i, k) with index[i, k] = u. */
    void interpolateBackward(INDArray dy, RowIndex index, INDArray dx);

    // ---- spiral convolution: y[b, v] = concat_k x[b, s(v, k)] W + bias

    /**
     * y [B, rows, out] from x [B, sources, in], weight [L * in, out], bias [1, out]; keeps what the
     * backward needs in {@code work} (x by reference: it must stay unchanged until the backward).
     */
    void spiralForward(INDArray x, RowIndex spirals, INDArray weight, INDArray bias, INDArray y, SpiralWork work);

    /** Writes dx [B, sources, in] from dy [B, rows, out] and adds the weight and bias gradients. */
    void spiralBackward(INDArray dy, RowIndex spirals, INDArray weight, INDArray weightGrad, INDArray biasGrad,
                        INDArray dx, SpiralWork work);

    // ---- element-wise

    /** y = x for x > 0, exp(x) - 1 otherwise. */
    void elu(INDArray x, INDArray y);

    /** dx = dy where y > 0, else dy (y + 1), from the forward's x and y. */
    void eluBackward(INDArray x, INDArray y, INDArray dy, INDArray dx);

    void relu(INDArray x, INDArray y);

    void reluBackward(INDArray x, INDArray y, INDArray dy, INDArray dx);

    /**
     * ELU with its forward-mode derivative along xTangent (the R1 penalty's forward-over-reverse
     * pass): y = elu(x), yTangent = elu'(x) xTangent, with elu'(x) = 1 for x > 0, e^x otherwise.
     */
    void eluTangent(INDArray x, INDArray xTangent, INDArray y, INDArray yTangent);

    /**
     * The backward of {@link #eluTangent} given dL/dy and dL/dyTangent: dx = elu'(x) dy (ELU's own
     * backward) and dxTangent = elu''(x) xTangent dy + elu'(x) dyTangent, with elu''(x) = 0 for x > 0,
     * e^x otherwise. (d/dxTangent is dxTangent's second term; the R1 penalty's layers take the first.)
     */
    void eluTangentBackward(INDArray x, INDArray xTangent, INDArray dy, INDArray dyTangent, INDArray dx,
                            INDArray dxTangent);

    /** out = a + b. */
    void add(INDArray a, INDArray b, INDArray out);

    /** y [N, C] (or [B, V, C]) += bias [1, C] on every row. */
    void addBias(INDArray y, INDArray bias);

    // ---- reductions over the vertex axis

    /**
     * Instance norm without affine parameters: y = (x - mean_v x) / sqrt(var_v x + eps), writing
     * 1 / sqrt(var + eps) into invStd [B, C] (DOUBLE) for the backward.
     */
    void instanceNorm(INDArray x, double eps, INDArray y, INDArray invStd);

    /** dx = invStd (dy - mean_v dy - y mean_v(dy y)). */
    void instanceNormBackward(INDArray y, INDArray invStd, INDArray dy, INDArray dx);

    /** y[b, v, c] = gammaBeta[b, c] normalized[b, v, c] + gammaBeta[b, C + c]. */
    void adain(INDArray normalized, INDArray gammaBeta, INDArray y);

    /** dNormalized = gamma dy; dGammaBeta [B, 2C] = (sum_v dy normalized, sum_v dy). */
    void adainBackward(INDArray normalized, INDArray gammaBeta, INDArray dy, INDArray dNormalized, INDArray dGammaBeta);

    /** y [B, C] = mean over v of x [B, V, C]. */
    void meanOverVertices(INDArray x, INDArray y);

    /** dx[b, v, c] = dy[b, c] / V. */
    void meanOverVerticesBackward(INDArray dy, INDArray dx);

    // ---- columns and the optimizer

    /** dst[r, dstColumn + j] = src[r, srcColumn + j] for j < width, every row r (both rank 2, dense). */
    void copyColumns(INDArray src, int srcColumn, INDArray dst, int dstColumn, int width);

    /**
     * One Adam step for one parameter (value, its gradient, first and second moments, all of one
     * shape and type), as {@code torch.optim.Adam} with coupled weight decay; see {@link AdamStep}.
     */
    void adamUpdate(INDArray value, INDArray grad, INDArray first, INDArray second, AdamStep step);

    /**
     * The coefficients of step t: g = grad + weightDecay p; m = beta1 m + (1 - beta1) g;
     * v = beta2 v + (1 - beta2) g^2; p -= stepSize m / (sqrt(v) / biasCorrection2Sqrt + eps),
     * with stepSize = lr / (1 - beta1^t) and biasCorrection2Sqrt = sqrt(1 - beta2^t).
     */
    record AdamStep(double beta1, double beta2, double epsilon, double weightDecay, double stepSize,
                    double biasCorrection2Sqrt) {
    }
}
