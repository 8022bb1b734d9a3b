package dev.avalon.http;

import dev.avalon.tenants.KeyCheck;
import dev.avalon.tenants.KeyGrant;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The bearer check in front of the MCP servlet: a request with a valid key reaches the servlet with
 * its {@link KeyGrant} under {@link KeyGrant#REQUEST_ATTRIBUTE}; any other is answered 401 here. Each
 * request gets an access-log line like the API's.
 */
final class McpGate extends HttpFilter {

    static final String ROUTE = "/mcp";

    private final transient BearerAuth auth;
    private final transient AccessLog log;
    private final transient java.time.Clock clock;

    McpGate(BearerAuth auth, AccessLog log, java.time.Clock clock) {
        this.auth = auth;
        this.log = log;
        this.clock = clock;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        long started = clock.millis();
        MetaHeaders headers = MetaHeaders.from(req::getHeader);
        String traceId = headers.traceId() != null ? headers.traceId() : Traces.fresh();
        res.setHeader(MetaHeaders.TRACE_ID, traceId);
        KeyGrant grant = null;
        try {
            KeyCheck check = auth.check(req.getHeader("Authorization"));
            if (check instanceof KeyCheck.Refused refused) {
                ServerRefusal refusal = BearerAuth.refusal(refused, traceId);
                byte[] body = refusal.body();
                res.setStatus(refusal.status());
                res.setHeader("WWW-Authenticate", BearerAuth.challenge(refused));
                res.setContentType("application/json");
                res.setContentLength(body.length);
                res.getOutputStream().write(body);
                return;
            }
            grant = ((KeyCheck.Granted) check).grant();
            req.setAttribute(KeyGrant.REQUEST_ATTRIBUTE, grant);
            chain.doFilter(req, res);
        } finally {
            log.write(new AccessLog.Entry(req.getMethod(), ROUTE, res.getStatus(), clock.millis() - started,
                    grant == null ? null : grant.tenant(), grant == null ? null : grant.keyId(), traceId,
                    req.getContentLengthLong(), -1));
        }
    }
}
