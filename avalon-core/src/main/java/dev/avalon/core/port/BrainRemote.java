package dev.avalon.core.port;

/**
 * The git remote a brain is pushed to after each commit, so a lost machine loses no approved
 * version. Pushing never forces: a remote that has moved on (a non-fast-forward) is a
 * {@link PushResult.Status#REJECTED} result for the user to settle, never overwritten.
 *
 * <p>Implementations report expected outcomes (unreachable, rejected) as results and do not throw
 * for them.
 */
public interface BrainRemote {

    /** Where the brain is pushed, for messages (e.g. {@code git://host/brain.git}); no secrets. */
    String location();

    /** Pushes the brain's branch (and the refs that keep restored-over states) to the remote. */
    PushResult push();
}
