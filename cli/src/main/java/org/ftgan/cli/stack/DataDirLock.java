package org.ftgan.cli.stack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.ftgan.worker.StartRefusedException;

/**
 * One {@code ftgan up} per data dir: an exclusive lock on {@code <data>/ftgan-up.lock}, held while
 * the stack runs (the operating system drops it when the process dies, however it dies). The file
 * holds the holder's pid, for the refusal's message.
 */
final class DataDirLock implements AutoCloseable {
    static final String FILE = "ftgan-up.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws StartRefusedException when another stack (in any process) holds the data dir */
    static DataDirLock acquire(Path data) throws IOException {
        Path file = data.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
            throw new StartRefusedException("the data dir " + data + " is in use by another ftgan up"
                    + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; stop that one, or pass --data DIR"
                    + " (with other ports) to run a second stack");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return new DataDirLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
