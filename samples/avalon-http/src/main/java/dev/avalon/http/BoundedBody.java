package dev.avalon.http;

import jakarta.servlet.http.HttpServletRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body up to a limit, refusing a larger one before reading it all. */
final class BoundedBody {

    /** The body is larger than the limit; nothing beyond the limit was read. */
    static final class TooLarge extends Exception {
        final long limit;

        TooLarge(long limit) {
            super("the request body exceeds " + limit + " bytes", null, false, false);
            this.limit = limit;
        }
    }

    private BoundedBody() {
    }

    static byte[] read(HttpServletRequest request, int limit) throws IOException, TooLarge {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw new TooLarge(limit);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
        byte[] buffer = new byte[8192];
        InputStream in = request.getInputStream();
        int total = 0;
        int n;
        while ((n = in.read(buffer, 0, Math.min(buffer.length, limit + 1 - total))) > 0) {
            total += n;
            if (total > limit) {
                throw new TooLarge(limit);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
