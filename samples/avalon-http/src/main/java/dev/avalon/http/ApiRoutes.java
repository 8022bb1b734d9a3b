package dev.avalon.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Violation;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.tenants.KeyCheck;
import dev.avalon.tenants.KeyGrant;
import dev.avalon.tenants.TenantBrains;
import dev.avalon.tenants.TenantUnavailableException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** The handlers of the HTTP API: each request in, one answer out, always JSON. */
final class ApiRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);

    static final String ATTR_TRACE = "avalon.traceId";
    static final String ATTR_GRANT = KeyGrant.REQUEST_ATTRIBUTE;
    static final String ATTR_BYTES_IN = "avalon.bytesIn";
    static final String ATTR_BYTES_OUT = "avalon.bytesOut";
    private static final String JSON = "application/json";

    private final BearerAuth auth;
    private final TenantBrains brains;
    private final ExecutorService workers;
    private final Duration requestTimeout;
    private final int maxBodyBytes;
    private final Supplier<JsonNode> openApiExport;
    private final String publicUrl;
    private final List<ReadinessCheck> readiness;
    private final EnvelopeAssembly assembly = new EnvelopeAssembly();
    private volatile JsonNode export;

    ApiRoutes(BearerAuth auth, TenantBrains brains, ExecutorService workers, Duration requestTimeout,
              int maxBodyBytes, Supplier<JsonNode> openApiExport, String publicUrl, List<ReadinessCheck> readiness) {
        this.auth = auth;
        this.brains = brains;
        this.workers = workers;
        this.requestTimeout = requestTimeout;
        this.maxBodyBytes = maxBodyBytes;
        this.openApiExport = openApiExport;
        this.publicUrl = publicUrl;
        this.readiness = List.copyOf(readiness);
    }

    /** {@code POST /v1/actions}: the body is Avalon's envelope. */
    void envelope(Context ctx) throws Exception {
        KeyGrant grant = authorize(ctx);
        if (grant == null) {
            return;
        }
        byte[] body = body(ctx, "");
        if (body == null) {
            return;
        }
        run(ctx, grant, assembly.envelope(body, headers(ctx), trace(ctx)));
    }

    /** {@code POST /v1/actions/{action}}: the body is the action's data. */
    void action(Context ctx) throws Exception {
        KeyGrant grant = authorize(ctx);
        if (grant == null) {
            return;
        }
        String action = ctx.pathParam("action");
        byte[] body = body(ctx, action);
        if (body == null) {
            return;
        }
        run(ctx, grant, assembly.data(action, body, headers(ctx), trace(ctx)));
    }

    /** {@code GET /v1/questions[?status=open|all]}: {@code question.list} for the key's tenant. */
    void questions(Context ctx) throws Exception {
        KeyGrant grant = authorize(ctx);
        if (grant == null) {
            return;
        }
        ObjectNode data = Json.object();
        String status = ctx.queryParam("status");
        if (status != null) {
            data.put("status", status);
        }
        run(ctx, grant, assembly.data("question.list", CanonicalJson.bytes(data), headers(ctx), trace(ctx)));
    }

    /** {@code GET /openapi.json}: the catalogue's export with this server and its security scheme. */
    void openApi(Context ctx) {
        JsonNode doc = export;
        if (doc == null) {
            doc = openApiExport.get();
            export = doc;
        }
        String url = publicUrl != null ? publicUrl : ctx.scheme() + "://" + ctx.host();
        answer(ctx, 200, CanonicalJson.bytes(OpenApiDocument.served(doc, url)));
    }

    /** {@code GET /healthz}: the process answers. */
    void health(Context ctx) {
        answer(ctx, 200, "{\"status\":\"alive\"}".getBytes(StandardCharsets.UTF_8));
    }

    /** {@code GET /readyz}: every readiness check holds. */
    void ready(Context ctx) {
        ObjectNode out = Json.object();
        ObjectNode checks = Json.object();
        boolean all = true;
        for (ReadinessCheck c : readiness) {
            boolean holds = c.holds();
            checks.put(c.name(), holds);
            all &= holds;
        }
        out.put("ready", all);
        out.set("checks", checks);
        answer(ctx, all ? 200 : 503, CanonicalJson.bytes(out));
    }

    /** Javalin's own refusals: no such route (404), no such method on it (405), and the like. */
    void httpException(HttpResponseException e, Context ctx) {
        ServerRefusal r = JsonErrors.refusal(e.getStatus());
        String message = switch (e.getStatus()) {
            case 404 -> "no such route; see /openapi.json";
            case 405 -> "this route does not take " + ctx.method().name();
            default -> r.error().message();
        };
        refuse(ctx, ServerRefusal.of("", trace(ctx), r.error().code(), message));
    }

    /** Anything unexpected: logged here with its trace id, answered as INTERNAL_ERROR without details. */
    void unexpected(Exception e, Context ctx) {
        String traceId = trace(ctx);
        LOG.error("unexpected failure answering {} {} (trace {})", ctx.method().name(), route(ctx), traceId, e);
        refuse(ctx, ServerRefusal.of("", traceId, ErrorCode.INTERNAL_ERROR,
                "an unexpected failure in the server; nothing was changed"));
    }

    /** The request's trace id: from its headers, or a fresh one, the same for the whole request. */
    static String trace(Context ctx) {
        String id = ctx.attribute(ATTR_TRACE);
        if (id == null) {
            MetaHeaders h = MetaHeaders.from(ctx::header);
            id = h.traceId() != null ? h.traceId() : Traces.fresh();
            ctx.attribute(ATTR_TRACE, id);
        }
        return id;
    }

    /** The matched route's template, never the raw path (which may carry what a client should not log). */
    static String route(Context ctx) {
        try {
            return ctx.endpoint().path;
        } catch (RuntimeException e) {
            return "-";
        }
    }

    private static MetaHeaders headers(Context ctx) {
        return MetaHeaders.from(ctx::header);
    }

    private KeyGrant authorize(Context ctx) {
        KeyCheck check = auth.check(ctx.header("Authorization"));
        if (check instanceof KeyCheck.Granted granted) {
            ctx.attribute(ATTR_GRANT, granted.grant());
            return granted.grant();
        }
        KeyCheck.Refused refused = (KeyCheck.Refused) check;
        ctx.header("WWW-Authenticate", BearerAuth.challenge(refused));
        refuse(ctx, BearerAuth.refusal(refused, trace(ctx)));
        return null;
    }

    /** The body, or {@code null} when it was refused (wrong type, too large) and the answer is written. */
    private byte[] body(Context ctx, String action) throws java.io.IOException {
        String type = ctx.header("Content-Type");
        if (type != null && !isJson(type)) {
            refuse(ctx, ServerRefusal.of(action, trace(ctx), ServerCodes.UNSUPPORTED_MEDIA_TYPE,
                    "the body must be application/json in UTF-8",
                    new Violation("$header.Content-Type", "is " + type.split(";")[0].trim() + ", not application/json")));
            return null;
        }
        try {
            byte[] body = BoundedBody.read(ctx.req(), maxBodyBytes);
            ctx.attribute(ATTR_BYTES_IN, (long) body.length);
            return body;
        } catch (BoundedBody.TooLarge e) {
            // the rest is not read: the connection is closed after the answer
            ctx.header("Connection", "close");
            refuse(ctx, ServerRefusal.of(action, trace(ctx), ErrorCode.PAYLOAD_TOO_LARGE,
                    "the request body exceeds " + e.limit + " bytes",
                    new Violation("$", "exceeds " + e.limit + " bytes")));
            return null;
        }
    }

    static boolean isJson(String contentType) {
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        String mime = parts[0].trim();
        if (!mime.equals("application/json") && !(mime.startsWith("application/") && mime.endsWith("+json"))) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.startsWith("charset=") && !p.substring(8).replace("\"", "").equals("utf-8")) {
                return false;
            }
        }
        return true;
    }

    private void run(Context ctx, KeyGrant grant, EnvelopeAssembly.Assembled assembled) throws Exception {
        if (assembled instanceof EnvelopeAssembly.Assembled.Refused r) {
            refuse(ctx, r.refusal());
            return;
        }
        byte[] envelope = ((EnvelopeAssembly.Assembled.Dispatch) assembled).envelope();
        Future<ActionResult> running = workers.submit(
                () -> brains.with(grant.tenant(), a -> a.dispatch(envelope, grant.caller())));
        ActionResult result;
        try {
            result = running.get(requestTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // not cancelled: an action half way through a write must finish; a replay with the same
            // Idempotency-Key waits for it and answers what it did
            ctx.header("Retry-After", "1");
            refuse(ctx, ServerRefusal.of("", trace(ctx), ServerCodes.TIMEOUT, "the action did not finish within "
                    + requestTimeout.toSeconds() + " s and may still finish; send it again with the same "
                    + "Idempotency-Key to learn its outcome"));
            return;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TenantUnavailableException unavailable) {
                LOG.warn("tenant {} unavailable (trace {}): {}", grant.tenant(), trace(ctx), unavailable.getMessage());
                ctx.header("Retry-After", "5");
                refuse(ctx, ServerRefusal.of("", trace(ctx), ServerCodes.TENANT_UNAVAILABLE,
                        "this tenant's brain cannot be opened now; try again later"));
                return;
            }
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        ctx.header(MetaHeaders.TRACE_ID, result.traceId());
        int status = 200;
        if (result instanceof ActionResult.Rejected rejected) {
            status = StatusTable.status(rejected.code());
            rejected.error().retryAfter().ifPresent(ms -> ctx.header("Retry-After", Long.toString(seconds(ms))));
        }
        answer(ctx, status, CanonicalJson.bytes(result.toJson()));
    }

    /** Whole seconds, rounded up, never 0: a client told to retry after 0 s would retry at once. */
    static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }

    private static void refuse(Context ctx, ServerRefusal refusal) {
        ctx.header(MetaHeaders.TRACE_ID, refusal.traceId());
        answer(ctx, refusal.status(), refusal.body());
    }

    private static void answer(Context ctx, int status, byte[] body) {
        ctx.status(status);
        ctx.contentType(JSON);
        ctx.attribute(ATTR_BYTES_OUT, (long) body.length);
        ctx.result(body);
    }
}
