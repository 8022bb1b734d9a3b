package dev.avalon.core.port;

import java.util.Arrays;
import java.util.Objects;

/** One file's part in a unit of work: new contents, or removal. */
public sealed interface FileChange permits FileChange.Put, FileChange.Delete {

    BrainPath path();

    static Put put(BrainPath path, byte[] content) {
        return new Put(path, content);
    }

    static Delete delete(BrainPath path) {
        return new Delete(path);
    }

    /** Write {@code content} to {@code path}, replacing what was there. */
    record Put(BrainPath path, byte[] content) implements FileChange {
        public Put {
            Objects.requireNonNull(path, "path");
            content = Objects.requireNonNull(content, "content").clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Put p && p.path.equals(path) && Arrays.equals(p.content, content);
        }

        @Override
        public int hashCode() {
            return 31 * path.hashCode() + Arrays.hashCode(content);
        }

        @Override
        public String toString() {
            return "Put[" + path + ", " + content.length + " bytes]";
        }
    }

    /** Remove {@code path}; removing a file that does not exist is not an error. */
    record Delete(BrainPath path) implements FileChange {
        public Delete {
            Objects.requireNonNull(path, "path");
        }
    }
}
