package dev.avalon.git;

import dev.avalon.core.port.BrainStoreException;
import dev.avalon.git.internal.ObjectIntegrity;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.RefSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A brain brought onto a new machine: its remote ({@code git://…}, {@code ssh://…}, the path of a
 * bare repository) or a backup bundle cloned into a new folder, the branch checked out, the refs
 * that keep restored-over states fetched too, and the objects checked as {@code git fsck --full}
 * checks them. The clone keeps no remote: the host names the one to push to.
 *
 * @param directory the new brain's folder
 * @param head      the commit checked out
 * @param problems  what the object check found, empty when the objects are sound
 */
public record BrainClone(Path directory, String head, List<String> problems) {

    private static final String ORIGIN = "origin";

    public BrainClone {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(head, "head");
        problems = List.copyOf(problems);
    }

    /**
     * Clones {@code source} into {@code directory}, which must not exist or be empty.
     *
     * @param source a git URL, the path of a bare repository, or the path of a bundle file
     * @throws BrainStoreException when the folder is in use, the source cannot be read, or it has no commit
     */
    public static BrainClone of(String source, Path directory) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(directory, "directory");
        if (Files.exists(directory) && !isEmptyFolder(directory)) {
            throw new BrainStoreException("the folder " + directory + " is not empty: a brain is restored into a"
                    + " new folder, so nothing there is overwritten");
        }
        try (Git git = Git.cloneRepository().setURI(uri(source)).setDirectory(directory.toFile())
                .setCloneAllBranches(true).setRemote(ORIGIN).call()) {
            // the states a restore set aside travel with the brain
            git.fetch().setRemote(ORIGIN)
                    .setRefSpecs(new RefSpec("+" + GitBrainStore.DR_REF_PREFIX + "*:" + GitBrainStore.DR_REF_PREFIX + "*"))
                    .setCheckFetchedObjects(true).call();
            git.remoteRemove().setRemoteName(ORIGIN).call();
            for (var ref : git.getRepository().getRefDatabase().getRefsByPrefix(Constants.R_REMOTES)) {
                var update = git.getRepository().updateRef(ref.getName());
                update.setForceUpdate(true);
                update.delete();
            }
            ObjectId head = git.getRepository().resolve(Constants.HEAD);
            if (head == null) {
                throw new BrainStoreException(source + " has no commit to restore");
            }
            return new BrainClone(directory, head.name(), ObjectIntegrity.check(git.getRepository()));
        } catch (GitAPIException | IOException | IllegalStateException e) {
            throw new BrainStoreException("cannot restore from " + source + ": " + e.getMessage(), e);
        }
    }

    private static String uri(String source) {
        Path path = Path.of(source);
        // a local bundle or bare repository by its absolute path; anything else is a URL
        return source.contains("://") || !Files.exists(path) ? source : path.toAbsolutePath().toString();
    }

    private static boolean isEmptyFolder(Path directory) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
