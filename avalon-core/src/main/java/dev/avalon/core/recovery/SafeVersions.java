package dev.avalon.core.recovery;

import dev.avalon.core.base.Violation;
import dev.avalon.core.behaviour.BehaviourCheck;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.brain.BrainValidation;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.port.BrainReader;
import dev.avalon.core.port.CommitInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Walks the branch from HEAD back and validates each commit's whole tree (behaviour.avl, the audit
 * chain as it was then, every file against its schema and its engine's validator), keeping the newest
 * ones that pass.
 */
final class SafeVersions {

    /** How far back a search looks at most: an older brain's first versions are rarely what a user wants back. */
    static final int SCAN_LIMIT = 200;

    private final Function<Brain, BrainValidation> validations;

    /** @param validations the validation of a brain, with every feature's file validators bound to it */
    SafeVersions(Function<Brain, BrainValidation> validations) {
        this.validations = validations;
    }

    /** The newest {@code limit} commits of the branch whose trees validate, newest first. */
    List<SafeVersion> newest(BrainReader reader, int limit) {
        List<SafeVersion> found = new ArrayList<>();
        for (CommitInfo commit : reader.log(SCAN_LIMIT)) {
            if (found.size() >= limit) {
                break;
            }
            check(reader, commit).ifPresent(found::add);
        }
        return found;
    }

    /** Commit {@code sha} of the branch as a safe version, if its tree validates. */
    Optional<SafeVersion> find(BrainReader reader, String sha) {
        return reader.log(SCAN_LIMIT).stream().filter(c -> c.sha().equals(sha)).findFirst()
                .flatMap(c -> check(reader, c));
    }

    /** What is wrong with commit {@code sha}'s tree; empty when it validates. */
    List<Violation> problems(BrainReader reader, String sha) {
        Brain tree = new Brain(TreeView.atCommit(reader, sha));
        return validations.apply(tree).validate(tree).problems();
    }

    private Optional<SafeVersion> check(BrainReader reader, CommitInfo commit) {
        if (!problems(reader, commit.sha()).isEmpty()) {
            return Optional.empty();
        }
        Optional<String> version = reader.readAt(commit.sha(), BrainLayout.BEHAVIOUR)
                .flatMap(b -> BehaviourCheck.of(b).behaviour()).map(b -> b.version().toString());
        if (version.isEmpty()) {
            return Optional.empty();
        }
        String summary = commit.message().lines().findFirst().orElse("");
        return Optional.of(new SafeVersion(commit.sha(), commit.time(), version.get(), summary));
    }
}
