package dev.avalon.core.port;

import java.util.Objects;

/**
 * A file of the brain does not hold what it must: not JSON, or JSON that is not the document its
 * reader expects. Avalon answers it with a typed refusal naming the file and freezes the brain for
 * recovery; it never surfaces as an internal error.
 */
public class CorruptFileException extends BrainStoreException {

    private final BrainPath path;

    /**
     * @param path    the corrupt file
     * @param problem what is wrong with it, in a sentence
     * @param cause   the parser's failure
     */
    public CorruptFileException(BrainPath path, String problem, Throwable cause) {
        super(path + " " + problem, cause);
        this.path = Objects.requireNonNull(path, "path");
    }

    /** The corrupt file. */
    public BrainPath path() {
        return path;
    }
}
