package dev.avalon.core.port;

import java.util.Objects;

/**
 * The store refused a path because reaching it would leave the brain's folder: a symbolic link (or
 * another indirection) stands where the brain holds a file or a folder. Nothing was read or written
 * through it; the link stays for the user to inspect and remove.
 */
public class UnsafeBrainPathException extends BrainStoreException {

    private final String path;

    /**
     * @param path    the offending path relative to the brain, '/'-separated; a folder ends in '/'
     * @param message what was refused and why, naming {@code path}
     */
    public UnsafeBrainPathException(String path, String message) {
        super(message);
        this.path = Objects.requireNonNull(path, "path");
    }

    /** The offending path relative to the brain, '/'-separated; a folder ends in '/'. */
    public String path() {
        return path;
    }
}
