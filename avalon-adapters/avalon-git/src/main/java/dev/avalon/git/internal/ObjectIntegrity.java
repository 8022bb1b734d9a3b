package dev.avalon.git.internal;

import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code git fsck --full} checks, with JGit: every object reachable from every ref is present,
 * hashes to its id, and (commits, trees, tags) is well-formed by git's strict rules.
 */
public final class ObjectIntegrity {

    private ObjectIntegrity() {
    }

    /** Every problem found, one sentence each; empty when the objects are sound. */
    public static List<String> check(Repository repo) {
        List<String> problems = new ArrayList<>();
        ObjectChecker checker = new ObjectChecker();
        try (ObjectReader reader = repo.newObjectReader();
             ObjectWalk walk = new ObjectWalk(reader);
             ObjectInserter.Formatter hasher = new ObjectInserter.Formatter()) {
            for (Ref ref : repo.getRefDatabase().getRefs()) {
                ObjectId id = ref.getObjectId();
                if (id == null) {
                    problems.add(ref.getName() + " points at nothing");
                    continue;
                }
                try {
                    walk.markStart(walk.parseAny(id));
                } catch (MissingObjectException e) {
                    problems.add(ref.getName() + " points at the missing object " + id.name());
                }
            }
            RevCommit c;
            while ((c = walk.next()) != null) {
                verify(reader, hasher, checker, c, Constants.OBJ_COMMIT, problems);
            }
            RevObject o;
            while ((o = walk.nextObject()) != null) {
                verify(reader, hasher, checker, o, o.getType(), problems);
            }
        } catch (MissingObjectException e) {
            problems.add("missing object " + e.getObjectId().name());
        } catch (IOException e) {
            problems.add("the objects cannot be read: " + e.getMessage());
        }
        return problems;
    }

    private static void verify(ObjectReader reader, ObjectInserter.Formatter hasher, ObjectChecker checker,
                               AnyObjectId id, int type, List<String> problems) throws IOException {
        byte[] bytes;
        try {
            bytes = reader.open(id, type).getCachedBytes(Integer.MAX_VALUE);
        } catch (MissingObjectException e) {
            problems.add("missing " + Constants.typeString(type) + " " + id.name());
            return;
        }
        if (!hasher.idFor(type, bytes).equals(id)) {
            problems.add(Constants.typeString(type) + " " + id.name() + " does not hash to its id");
            return;
        }
        try {
            checker.check(id, type, bytes);
        } catch (CorruptObjectException e) {
            problems.add(Constants.typeString(type) + " " + id.name() + " is malformed: " + e.getMessage());
        }
    }
}
