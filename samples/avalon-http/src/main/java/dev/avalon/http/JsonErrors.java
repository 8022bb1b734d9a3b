package dev.avalon.http;

import dev.avalon.core.base.ErrorCode;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;

/**
 * Jetty's own error answers (a request line or header it cannot parse, a header too large, an error
 * raised outside Javalin) as Avalon's error envelope instead of Jetty's HTML page: the server never
 * answers a page or a stack trace.
 */
final class JsonErrors {

    private JsonErrors() {
    }

    /** The envelope for a status Jetty or Javalin answers on their own; the status stays theirs. */
    static ServerRefusal refusal(int status) {
        ErrorCode code = switch (status) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ServerCodes.METHOD_NOT_ALLOWED;
            case 413, 414, 431 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ServerCodes.UNSUPPORTED_MEDIA_TYPE;
            case 500 -> ErrorCode.INTERNAL_ERROR;
            default -> status >= 500 && status != 505 ? ErrorCode.INTERNAL_ERROR : ErrorCode.INVALID_REQUEST;
        };
        String message = code == ErrorCode.INTERNAL_ERROR ? "an unexpected failure in the server; nothing was changed"
                : "the server could not read the request (HTTP " + status + ")";
        return ServerRefusal.of("", Traces.fresh(), code, message);
    }

    /** For the server as a whole. */
    static final class ServerLevel extends org.eclipse.jetty.server.handler.ErrorHandler {
        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                     String contentType, List<Charset> charsets, int code,
                                                     String message, Throwable cause) {
            return JsonErrors.writeJson(response, callback, code);
        }
    }

    /** For the servlet context Javalin and the MCP servlet run in. */
    static final class ContextLevel extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                     String contentType, List<Charset> charsets, int code,
                                                     String message, Throwable cause) {
            return JsonErrors.writeJson(response, callback, code);
        }
    }

    private static boolean writeJson(Response response, Callback callback, int code) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(refusal(code).body()), callback);
        return true;
    }
}
