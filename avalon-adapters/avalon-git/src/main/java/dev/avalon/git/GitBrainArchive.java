package dev.avalon.git;

import dev.avalon.core.port.BrainArchive;
import dev.avalon.core.port.BrainStore;
import dev.avalon.core.port.BrainStoreException;
import dev.avalon.core.port.UnpackedBrain;
import dev.avalon.git.internal.Durable;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.BundleWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A git brain as a bundle ({@code git bundle create --all}, written with JGit's {@link BundleWriter})
 * and a bundle unpacked into a scratch brain for {@code backup.verify}.
 */
public final class GitBrainArchive implements BrainArchive {

    private final Path brain;
    private final Path scratch;

    /**
     * @param brain   the brain's folder (the one {@link GitBrainStore#open} was given)
     * @param scratch a folder for scratch brains (outside the brain), created when needed; each is
     *                removed when closed
     */
    public GitBrainArchive(Path brain, Path scratch) {
        this.brain = Objects.requireNonNull(brain, "brain");
        this.scratch = Objects.requireNonNull(scratch, "scratch");
    }

    @Override
    public byte[] bundle() {
        try (Repository repo = new FileRepositoryBuilder().setWorkTree(brain.toFile()).setMustExist(true).build()) {
            ObjectId head = repo.resolve(Constants.HEAD);
            if (head == null) {
                throw new BrainStoreException("the brain has no commit to back up");
            }
            BundleWriter writer = new BundleWriter(repo);
            writer.include(Constants.HEAD, head);
            for (Ref ref : repo.getRefDatabase().getRefs()) {
                if (!ref.isSymbolic() && ref.getObjectId() != null && !ref.getName().startsWith(Constants.R_REMOTES)) {
                    writer.include(ref.getName(), ref.getObjectId());
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            writer.writeBundle(NullProgressMonitor.INSTANCE, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new BrainStoreException("cannot bundle the brain " + brain + ": " + e.getMessage(), e);
        }
    }

    @Override
    public UnpackedBrain unpack(byte[] bundle) {
        Objects.requireNonNull(bundle, "bundle");
        Path folder;
        Path file;
        try {
            Files.createDirectories(scratch);
            folder = Files.createTempDirectory(scratch, "unpacked-");
            file = Files.createTempFile(scratch, "bundle-", ".bundle");
            Durable.write(file, bundle);
        } catch (IOException e) {
            throw new BrainStoreException("cannot make a scratch brain in " + scratch + ": " + e.getMessage(), e);
        }
        try {
            BrainClone clone = BrainClone.of(file.toString(), folder.resolve("brain"));
            GitBrainStore store = GitBrainStore.open(clone.directory());
            return new Unpacked(store, clone.problems(), folder, file);
        } catch (RuntimeException e) {
            remove(folder, file);
            throw e;
        }
    }

    private static void remove(Path folder, Path file) {
        try {
            Durable.deleteTree(folder);
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new BrainStoreException("cannot remove the scratch brain " + folder + ": " + e.getMessage(), e);
        }
    }

    private record Unpacked(BrainStore store, List<String> integrityProblems, Path folder, Path file)
            implements UnpackedBrain {
        @Override
        public void close() {
            try {
                store.close();
            } finally {
                remove(folder, file);
            }
        }
    }
}
