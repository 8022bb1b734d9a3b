package dev.avalon.core.port;

/**
 * The brain as one file and back: a git bundle of every ref, and a bundle unpacked into a scratch
 * brain to check it. Failures are {@link BrainStoreException}s.
 */
public interface BrainArchive {

    /** A git bundle of every ref of the brain (its committed history; the working tree is not in it). */
    byte[] bundle();

    /**
     * Unpacks {@code bundle} into a new scratch brain (a clone with HEAD checked out) and checks its
     * objects; closing the result removes it.
     *
     * @throws BrainStoreException when the bytes are not a bundle or cannot be unpacked
     */
    UnpackedBrain unpack(byte[] bundle);
}
