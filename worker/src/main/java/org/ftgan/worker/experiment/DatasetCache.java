package org.ftgan.worker.experiment;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.ftgan.artifacts.ArtifactStore;
import org.ftgan.data.DatasetKind;
import org.ftgan.data.DatasetPreparer;
import org.ftgan.data.PrepareListener;
import org.ftgan.data.PrepareRequest;
import org.ftgan.data.PrepareResult;
import org.ftgan.data.PreparedDataset;
import org.ftgan.data.synthetic.SyntheticDatasetWriter;
import org.ftgan.data.synthetic.SyntheticProgressListener;
import org.ftgan.definition.DatasetSpec;
import org.ftgan.workflows.experiment.PreparedDatasetRef;

/**
 * Prepared datasets in the artifact store, shared by every experiment with the same dataset
 * section: {@code datasets/<kind>-<key>} where the key hashes the section and the raw root. The
 * preparer itself skips work when the raw data's content hash is unchanged, so a second experiment
 * on the same data costs a manifest read. A file lock per directory keeps two workers (or two
 * experiments) from preparing the same one at once; synthetic raw data is generated once into
 * {@code datasets/raw-<key>} and moved into place whole.
 */
public final class DatasetCache {
    private static final ConcurrentHashMap<Path, Object> IN_PROCESS = new ConcurrentHashMap<>();

    private final ArtifactStore store;

    public DatasetCache(ArtifactStore store) {
        this.store = store;
    }

    /** Where this dataset section is prepared. */
    public Path preparedDir(DatasetSpec spec) {
        return store.root().resolve("datasets").resolve(spec.kind().id() + "-" + key(spec));
    }

    /**
     * Prepares (or finds prepared) the dataset; {@code listener} sees the preparer's progress, and
     * {@code synthesis} the frames of a synthetic raw set as they are written. An unchecked exception
     * either listener throws stops the work there (nothing half-made is ever used: the raw set and the
     * prepared one are both moved into place whole).
     */
    public PreparedDatasetRef prepare(DatasetSpec spec, PrepareListener listener, SyntheticProgressListener synthesis)
            throws IOException {
        Path out = preparedDir(spec);
        Files.createDirectories(out.getParent());
        // a file lock excludes other processes; within this one, activity threads queue on the path
        synchronized (IN_PROCESS.computeIfAbsent(out, k -> new Object())) {
            return prepareLocked(spec, out, listener, synthesis);
        }
    }

    private PreparedDatasetRef prepareLocked(DatasetSpec spec, Path out, PrepareListener listener,
                                             SyntheticProgressListener synthesis) throws IOException {
        try (FileChannel ch = FileChannel.open(out.resolveSibling(out.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            Path root = spec.kind() == DatasetKind.SYNTHETIC ? synthesize(spec, synthesis) : spec.root();
            PrepareResult result = new DatasetPreparer(listener)
                    .prepare(PrepareRequest.of(spec.kind(), root, out).withSeed(spec.splitSeed()));
            try (PreparedDataset ds = PreparedDataset.open(out)) {
                return new PreparedDatasetRef(store.relativize(out), ds.manifest().contentHash(), ds.sampleCount(),
                        result.skipped());
            }
        }
    }

    /** Generates the synthetic raw set once (deterministic from its spec), moving it into place whole. */
    private Path synthesize(DatasetSpec spec, SyntheticProgressListener synthesis) throws IOException {
        Path raw = store.root().resolve("datasets").resolve("raw-" + key(spec));
        if (Files.isDirectory(raw)) {
            return raw;
        }
        Path partial = raw.resolveSibling(raw.getFileName() + ".partial");
        deleteTree(partial);
        SyntheticDatasetWriter.write(spec.synth(), partial, synthesis);
        try {
            Files.move(partial, raw, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            deleteTree(partial);
            if (!Files.isDirectory(raw)) {
                throw e;
            }
        }
        return raw;
    }

    private static String key(DatasetSpec spec) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(spec.hash().getBytes(StandardCharsets.UTF_8));
            if (spec.root() != null) {
                sha.update((byte) 0);
                sha.update(spec.root().toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
