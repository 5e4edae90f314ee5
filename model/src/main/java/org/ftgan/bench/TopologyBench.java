package org.ftgan.bench;

import java.util.Arrays;
import java.util.Locale;
import org.ftgan.data.synthetic.SyntheticFaceTemplate;
import org.ftgan.mesh.Mesh;
import org.ftgan.topology.HierarchyBuilder;
import org.ftgan.topology.TemplateTopology;

/**
 * The whole template precomputation the network waits for (issue target: spirals + 4-level
 * hierarchy under 0.5 s for a CoMA-sized and under 3 s for a FaceScape-sized template on 2 cores,
 * warm): {@link HierarchyBuilder#build} then {@link TemplateTopology#of}, on the synthetic face
 * template (face with open outline and mouth slit, two eyeballs) at 5,023 and 26,317 requested
 * vertices. Prints the first call in this JVM (cold) and the median and range of the warm ones.
 *
 * <p>Usage: {@code TopologyBench [repetitions] [vertices ...]}, default 11 repetitions, 5023 26317.
 */
public final class TopologyBench {
    private static final int[] FACTORS = {4, 4, 4, 4};

    private TopologyBench() {
    }

    public static void main(String[] args) {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        int[] sizes = args.length > 1
                ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {5023, 26317};
        System.out.printf(Locale.ROOT, "java %s, %d processors, factors %s, spirals length 9 dilation 1%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), Arrays.toString(FACTORS));
        System.out.println("| template | levels | cold s | warm median s | warm min-max s |");
        System.out.println("| --- | --- | --- | --- | --- |");
        for (int requested : sizes) {
            Mesh template = SyntheticFaceTemplate.create(requested).mesh();
            long t0 = System.nanoTime();
            TemplateTopology topo = TemplateTopology.of(HierarchyBuilder.build(template, FACTORS), 9, 1);
            double cold = (System.nanoTime() - t0) / 1e9;
            double[] warm = new double[repetitions];
            for (int r = 0; r < repetitions; r++) {
                long t = System.nanoTime();
                TemplateTopology.of(HierarchyBuilder.build(template, FACTORS), 9, 1);
                warm[r] = (System.nanoTime() - t) / 1e9;
            }
            Arrays.sort(warm);
            System.out.printf(Locale.ROOT, "| synthetic face, %d vertices | %s | %.3f | %.3f | %.3f-%.3f |%n",
                    template.vertexCount(), Arrays.toString(topo.vertexCounts()), cold, warm[repetitions / 2],
                    warm[0], warm[repetitions - 1]);
        }
    }
}
