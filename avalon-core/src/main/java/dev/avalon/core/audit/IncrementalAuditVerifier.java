package dev.avalon.core.audit;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Verifies an audit log that only grows, re-reading only what was appended since its last clean
 * verification. Its reports are the reports {@link AuditVerifier} gives for the same input.
 *
 * <p>The log is verified before every commit, so verifying it whole each time would make a brain's
 * commits slower the longer it lives. After a walk that found no problem in any line, this verifier
 * keeps the bytes it walked and the walk's state. The next call compares the files it is given with
 * those bytes: when every earlier file is unchanged and the last one only has lines added at its end,
 * it walks the added lines alone; on any other difference (a byte changed, a file cut, renamed or
 * added before the last) it walks everything again. Comparing bytes costs far less than parsing and
 * hashing them, and it is what keeps a hand edit of an old line visible.
 *
 * <p>Thread-safe. Holds a reference to the last clean log's bytes.
 */
public final class IncrementalAuditVerifier {

    private final ZoneId zone;
    private Checkpoint checkpoint;

    /** The files walked, in path order, and the walk that found them clean. */
    private record Checkpoint(List<AuditFile> files, int linesInLast, AuditVerifier.Walk walk) {
    }

    /** A verifier that knows no zone, as {@link AuditVerifier#verify(List, List)}. */
    public IncrementalAuditVerifier() {
        this.zone = null;
    }

    /** A verifier that takes each entry's year in {@code zone}, as {@link AuditVerifier#verify(List, List, ZoneId)}. */
    public IncrementalAuditVerifier(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** Verifies {@code files} against {@code expectedHeads}; see {@link AuditVerifier}. */
    public synchronized AuditReport verify(List<AuditFile> files, List<AuditHead> expectedHeads) {
        Objects.requireNonNull(expectedHeads, "expectedHeads");
        List<AuditFile> sorted = AuditVerifier.Walk.sorted(files);
        Checkpoint last = checkpoint;
        checkpoint = null;
        AuditVerifier.Walk walk;
        if (last != null && grewFrom(last.files(), sorted)) {
            walk = last.walk();
            int resumed = last.files().size() - 1;
            AuditFile before = last.files().get(resumed);
            AuditFile now = sorted.get(resumed);
            if (now.size() > before.size()) {
                walk.fileFrom(now, before.size(), last.linesInLast());
            }
            for (AuditFile file : sorted.subList(resumed + 1, sorted.size())) {
                walk.file(file);
            }
        } else {
            walk = new AuditVerifier.Walk(zone);
            for (AuditFile file : sorted) {
                walk.file(file);
            }
        }
        if (walk.clean() && !sorted.isEmpty()) {
            checkpoint = new Checkpoint(List.copyOf(sorted), sorted.get(sorted.size() - 1).newlines(), walk);
        }
        return walk.report(expectedHeads);
    }

    /**
     * True when {@code now} is {@code before} with lines appended: the same paths in front, every
     * earlier file byte for byte the same, and the last file of {@code before} a prefix of its
     * successor (it ended with a newline, or the walk would not have been clean).
     */
    private static boolean grewFrom(List<AuditFile> before, List<AuditFile> now) {
        if (before.isEmpty() || now.size() < before.size()) {
            return false;
        }
        int last = before.size() - 1;
        for (int i = 0; i < last; i++) {
            if (!before.get(i).equals(now.get(i))) {
                return false;
            }
        }
        return now.get(last).startsWith(before.get(last));
    }
}
