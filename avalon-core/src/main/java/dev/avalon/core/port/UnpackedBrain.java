package dev.avalon.core.port;

import java.util.List;

/** A bundle unpacked into a scratch brain by {@link BrainArchive#unpack}; closing it removes the scratch brain. */
public interface UnpackedBrain extends AutoCloseable {

    /** The scratch brain, to read and validate; writing to it changes nothing that matters. */
    BrainStore store();

    /** What the object check (git's fsck) found wrong, one sentence each; empty when the objects are sound. */
    List<String> integrityProblems();

    @Override
    void close();
}
