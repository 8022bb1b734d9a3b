package dev.avalon.http;

import dev.avalon.core.action.ActionResult;
import dev.avalon.core.base.ActionError;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Violation;
import dev.avalon.core.json.CanonicalJson;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A refusal the server answers itself, in Avalon's error envelope, with its HTTP status.
 *
 * @param action  the action the request named, or {@code ""} when it named none
 * @param traceId the request's trace id
 * @param error   code, message and offending fields
 */
record ServerRefusal(String action, String traceId, ActionError error) {

    ServerRefusal {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(error, "error");
    }

    static ServerRefusal of(String action, String traceId, ErrorCode code, String message, Violation... details) {
        return new ServerRefusal(action, traceId, new ActionError(code, message, List.of(details)));
    }

    int status() {
        return StatusTable.status(error.code());
    }

    byte[] body() {
        return CanonicalJson.string(new ActionResult.Rejected(action, traceId, error).toJson())
                .getBytes(StandardCharsets.UTF_8);
    }
}
