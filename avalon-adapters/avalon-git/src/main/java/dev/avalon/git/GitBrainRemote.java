package dev.avalon.git;

import dev.avalon.core.port.BrainRemote;
import dev.avalon.core.port.PushResult;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.URIish;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Pushes a git brain to a remote with JGit: its branch and the refs that keep restored-over states
 * ({@code refs/avalon/*}), never forced. Any URL JGit speaks works: {@code git://}, {@code ssh://},
 * {@code https://} (credentials as JGit finds them), or the path of a bare repository.
 *
 * <p>Opens the brain's repository for each push and only reads it: the remote's answer is not
 * recorded in the brain's own refs, so a push never changes the brain.
 */
public final class GitBrainRemote implements BrainRemote {

    private static final int TIMEOUT_SECONDS = 30;

    private final Path brain;
    private final URIish url;

    /**
     * @param brain the brain's folder (the one {@link GitBrainStore#open} was given)
     * @param url   the remote, e.g. {@code git://host/brain.git} or {@code /backups/brain.git}
     * @throws IllegalArgumentException when {@code url} is not a git URL
     */
    public GitBrainRemote(Path brain, String url) {
        this.brain = Objects.requireNonNull(brain, "brain");
        try {
            this.url = new URIish(Objects.requireNonNull(url, "url"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a git URL: " + url, e);
        }
    }

    @Override
    public String location() {
        // a URL's password is not for messages and logs
        return url.setPass(null).toString();
    }

    @Override
    public PushResult push() {
        try (Git git = Git.open(brain.toFile())) {
            Repository repo = git.getRepository();
            ObjectId head = repo.resolve(Constants.HEAD);
            if (head == null) {
                return result(PushResult.Status.PUSHED, "", "no commit to push");
            }
            String branch = repo.getFullBranch();
            List<RefSpec> specs = new ArrayList<>();
            specs.add(new RefSpec(branch + ":" + branch));
            if (!repo.getRefDatabase().getRefsByPrefix(GitBrainStore.DR_REF_PREFIX).isEmpty()) {
                specs.add(new RefSpec(GitBrainStore.DR_REF_PREFIX + "*:" + GitBrainStore.DR_REF_PREFIX + "*"));
            }
            Iterable<org.eclipse.jgit.transport.PushResult> results = git.push().setRemote(url.toString())
                    .setRefSpecs(specs).setForce(false).setTimeout(TIMEOUT_SECONDS).call();
            List<String> refused = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (org.eclipse.jgit.transport.PushResult r : results) {
                for (RemoteRefUpdate u : r.getRemoteUpdates()) {
                    switch (u.getStatus()) {
                        case OK, UP_TO_DATE -> {
                        }
                        case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED, REJECTED_NODELETE,
                             REJECTED_OTHER_REASON -> refused.add(u.getRemoteName() + ": " + u.getStatus()
                                + (u.getMessage() == null ? "" : " (" + u.getMessage() + ")"));
                        default -> failed.add(u.getRemoteName() + ": " + u.getStatus());
                    }
                }
            }
            if (!refused.isEmpty()) {
                return result(PushResult.Status.REJECTED, head.name(),
                        String.join("; ", refused));
            }
            if (!failed.isEmpty()) {
                return result(PushResult.Status.FAILED, head.name(),
                        String.join("; ", failed));
            }
            return result(PushResult.Status.PUSHED, head.name(), "");
        } catch (GitAPIException | IOException | RuntimeException e) {
            // unreachable, refused connection, broken transfer: the brain is unchanged and the push is retried
            return result(PushResult.Status.FAILED, headOrEmpty(),
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private String headOrEmpty() {
        try (Git git = Git.open(brain.toFile())) {
            ObjectId head = git.getRepository().resolve(Constants.HEAD);
            return head == null ? "" : head.name();
        } catch (IOException e) {
            return "";
        }
    }

    private static PushResult result(PushResult.Status status,
                                                          String head, String message) {
        return new PushResult(status, head, message == null ? "" : message);
    }
}
