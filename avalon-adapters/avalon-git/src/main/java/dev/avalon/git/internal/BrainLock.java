package dev.avalon.git.internal;

import dev.avalon.core.port.BrainStoreException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-writer-per-brain lock: an operating-system lock on {@code .avalon/lock}, held for as long as
 * the brain is open. The system drops it when the process dies, however it dies, so a lock is never
 * left behind by a crash.
 */
public final class BrainLock implements AutoCloseable {

    /*
     * The brains this JVM holds. The operating system's lock belongs to the process, so it cannot tell
     * two opens within one JVM apart; worse, closing any channel on the lock file releases the
     * process's lock on it. So a second open in this JVM is refused here, before it touches the file.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path brain;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean released;

    private BrainLock(Path brain, FileChannel channel, FileLock lock) {
        this.brain = brain;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of the brain in {@code brain} (a real path), writing this process's id into
     * {@code lockFile} so a refused opener can say who holds it.
     *
     * @throws BrainStoreException when this or another process has the brain open
     */
    public static BrainLock acquire(Path brain, Path lockFile) {
        if (!HELD.add(brain)) {
            throw new BrainStoreException("the brain " + brain + " is already open in this process; "
                    + "close the other store first (one writer per brain)");
        }
        FileChannel channel = null;
        try {
            // a link in place of the lock would put the lock, and the pid written into it, anywhere
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(channel);
                throw new BrainStoreException("the brain " + brain + " is already open in another process"
                        + (holder.isEmpty() ? "" : " (" + holder + ")") + "; one writer per brain");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(true);
            return new BrainLock(brain, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            HELD.remove(brain);
            throw new BrainStoreException("cannot lock the brain " + brain + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            HELD.remove(brain);
            throw e;
        }
    }

    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the open already failed; that failure is the one to report
            }
        }
    }

    @Override
    public synchronized void close() {
        if (released) {
            return;
        }
        released = true;
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new BrainStoreException("cannot release the lock of the brain " + brain, e);
        } finally {
            HELD.remove(brain);
        }
    }
}
