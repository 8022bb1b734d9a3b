package dev.avalon.testkit.google;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.avalon.core.port.RemoteEvent;
import dev.avalon.testkit.calendar.RecurringSeries;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback fake of the Google Calendar API v3 ({@code events} list/get/insert/update/patch/delete)
 * and of Google's OAuth2 token endpoint, on the JDK's {@link HttpServer} bound to 127.0.0.1 on a free
 * port. Point an adapter's base URL at {@link #baseUri()} and its token endpoint at {@link #tokenUri()}.
 *
 * <pre>{@code
 * try (FakeGoogleCalendarServer google = FakeGoogleCalendarServer.builder().clock(clock).pageSize(3).start()) {
 *     RemoteCalendar calendar = myAdapter(google.baseUri(), google.tokenUri(), FakeGoogleCalendarServer.CLIENT_ID,
 *             FakeGoogleCalendarServer.CLIENT_SECRET, FakeGoogleCalendarServer.REFRESH_TOKEN);
 *     google.calendar("primary").add("""
 *         {"summary":"Dentist","start":{"dateTime":"2026-11-23T09:00:00+01:00"},"end":{"dateTime":"2026-11-23T10:00:00+01:00"}}""");
 *     google.failNext(InjectedFailure.tooManyRequests(Duration.ofSeconds(2)));
 *     calendar.changes(Optional.empty());
 * }
 * }</pre>
 *
 * What it does like Google: listings page at {@code min(maxResults, pageSize)} items from a snapshot
 * taken at the first page, and the last page carries {@code nextSyncToken}; a sync token lists every
 * event changed since, deleted ones as {@code status: cancelled}; an expired token or one used with
 * another {@code singleEvents} value is answered 410 {@code fullSyncRequired} or 400; every change
 * gives a new quoted ETag; {@code If-Match} with another ETag is 412 {@code conditionNotMet}; insert
 * accepts a client id matching {@code [a-v0-9]{5,1024}} and answers 409 {@code duplicate} when it is
 * taken (deleted events included); {@code PATCH} is a JSON merge patch; deleting a deleted event is 410.
 * Access tokens expire after {@link Builder#tokenLifetime} on the injected clock and are then refused
 * with 401. Injected failures ({@link #failNext}) answer the next calendar requests, in order
 * ({@link #failNextWrites}: the next writes alone).
 *
 * <p>Recurring events: an instance of a series is addressed as {@code <seriesId>_<original start in UTC,
 * basic format>} ({@code <seriesId>_<yyyyMMdd>} for all-day), as {@link dev.avalon.core.port.RemoteEvent#instanceId}
 * names it; the rule is expanded by {@link RecurringSeries} (the RRULE subset Avalon writes, and EXDATE).
 * GET answers an instance as the rule makes it (with the series' ETag) until it is changed; PUT, PATCH
 * and DELETE on it store an exception of the series with its own ETag ({@code status: cancelled} or
 * DELETE cancels that occurrence), leaving the series and its ETag as they are. Without
 * {@code singleEvents} a listing holds series and exceptions as stored, cancelled exceptions of a live
 * series even without {@code showDeleted}, as Google does; with {@code singleEvents=true} each series is
 * expanded into its instances (exceptions in place, cancelled ones only with {@code showDeleted}), in full
 * and incremental listings alike: a changed series lists all its instances, a changed exception itself,
 * a deleted series itself as cancelled.
 *
 * <p>{@code events.instances} ({@code GET …/events/<seriesId>/instances}) lists a series' occurrences in one page,
 * cancelled ones with {@code showDeleted}, one alone with {@code originalStart}; a deleted series is 410.
 * With {@link Builder#opaqueInstanceIds} the server names instances itself on the wire, so only a client that
 * reads instance ids (rather than building them) finds them.
 *
 * <p>More of what Google documents and the fake enforces: a sync token together with {@code timeMin},
 * {@code timeMax}, {@code orderBy}, {@code q}, {@code iCalUID}, {@code updatedMin} or the extended-property
 * filters, or with {@code showDeleted=false}, is 400 {@code syncTokenWithRequestRestrictions}; an incremental
 * listing whose {@code showDeleted} differs from the listing that issued its token is 400 (Google leaves the
 * outcome undefined). Attendees written without {@code responseStatus} get {@code needsAction}, and
 * {@link FakeCalendar#reply} answers for a guest; since {@code attendees} is an array, PATCH and PUT replace it
 * whole. PATCH keeps what it does not name (reminders, conferenceData, attachments), PUT drops it. A recurring
 * timed event without {@code timeZone} on start or end is 400. A PUT or PATCH with {@code status: confirmed}
 * restores a deleted event. {@link InjectedFailure} has the 403 reasons that no retry cures
 * ({@code accessNotConfigured}, {@code dailyLimitExceeded}, {@code quotaExceeded}); {@link #failNextPages}
 * fails later pages of a listing and {@link #failNextTokenRequests} the token endpoint.
 *
 * <p>What it does not do: time-window queries ({@code timeMin}/{@code timeMax}) without a sync token, RRULEs
 * beyond that subset (such a series is listed unexpanded), paging of {@code events.instances}, ACLs.
 */
public final class FakeGoogleCalendarServer implements AutoCloseable {

    /** The OAuth client id the token endpoint accepts unless the builder says otherwise. */
    public static final String CLIENT_ID = "avalon-test.apps.example";
    /** The OAuth client secret the token endpoint accepts unless the builder says otherwise. */
    public static final String CLIENT_SECRET = "avalon-test-secret";
    /** The refresh token the token endpoint accepts unless the builder says otherwise. */
    public static final String REFRESH_TOKEN = "1//avalon-test-refresh";

    private static final String API = "/calendar/v3/calendars/";
    private static final Pattern CLIENT_ID_PATTERN = Pattern.compile("[a-v0-9]{5,1024}");
    private static final DateTimeFormatter RFC3339_MILLIS = DateTimeFormatter.ISO_INSTANT;
    // events.list parameters Google refuses together with a syncToken (400 syncTokenWithRequestRestrictions)
    private static final List<String> SYNC_TOKEN_RESTRICTIONS = List.of("iCalUID", "orderBy",
            "privateExtendedProperty", "q", "sharedExtendedProperty", "timeMin", "timeMax", "updatedMin");
    private static final Pattern OPAQUE_INSTANCE_ID = Pattern.compile("(.+)_R(\\d+)");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final Clock clock;
    private final int pageSize;
    private final Duration tokenLifetime;
    private final String clientId;
    private final String clientSecret;
    private final String refreshToken;

    private final Map<String, FakeCalendar> calendars = new LinkedHashMap<>();
    private final Map<String, Instant> accessTokens = new HashMap<>();
    private final Map<String, Snapshot> pages = new HashMap<>();
    private final Deque<InjectedFailure> failures = new ArrayDeque<>();
    private final Deque<InjectedFailure> writeFailures = new ArrayDeque<>();
    private final Deque<InjectedFailure> pageFailures = new ArrayDeque<>();
    private final Deque<Integer> tokenFailures = new ArrayDeque<>();
    private final boolean opaqueInstanceIds;
    private final List<RecordedRequest> requests = new ArrayList<>();
    private long version;
    private long tokenGeneration;
    private long counter;
    private int tokenRequests;

    /** What is left of a listing being paged, and the sync token its last page will carry. */
    private record Snapshot(List<ObjectNode> remaining, String nextSyncToken) {
    }

    private FakeGoogleCalendarServer(Builder builder) {
        this.clock = builder.clock;
        this.pageSize = builder.pageSize;
        this.tokenLifetime = builder.tokenLifetime;
        this.clientId = builder.clientId;
        this.clientSecret = builder.clientSecret;
        this.refreshToken = builder.refreshToken;
        this.opaqueInstanceIds = builder.opaqueInstanceIds;
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the fake Google Calendar server", e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** A builder with the defaults: system UTC clock, 250 events a page, tokens valid one hour. */
    public static Builder builder() {
        return new Builder();
    }

    /** The API root, {@code http://127.0.0.1:<port>/calendar/v3}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/calendar/v3");
    }

    /** The OAuth2 token endpoint, {@code http://127.0.0.1:<port>/token}. */
    public URI tokenUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
    }

    /** The calendar with that id, created empty on first use. */
    public synchronized FakeCalendar calendar(String calendarId) {
        return calendars.computeIfAbsent(Objects.requireNonNull(calendarId, "calendarId"),
                id -> new FakeCalendar(this, id));
    }

    /** Answers the next calendar requests with these failures, one each, in order. */
    public synchronized void failNext(InjectedFailure... next) {
        failures.addAll(List.of(next));
    }

    /**
     * Answers the next event writes (POST, PUT, PATCH, DELETE) with these failures, one each, in order,
     * while reads go through: a remote that lists but cannot store. Failures of {@link #failNext} come first.
     */
    public synchronized void failNextWrites(InjectedFailure... next) {
        writeFailures.addAll(List.of(next));
    }

    /**
     * Answers the next listing requests that carry a {@code pageToken} (a second or later page) with these
     * failures, one each, in order: a page token that expired while the client paged.
     */
    public synchronized void failNextPages(InjectedFailure... next) {
        pageFailures.addAll(List.of(next));
    }

    /**
     * Answers the next token requests with these HTTP statuses ({@code 429}, {@code 503}, …), one each, in order,
     * before the token endpoint serves again.
     */
    public synchronized void failNextTokenRequests(int... statuses) {
        for (int status : statuses) {
            tokenFailures.add(status);
        }
    }

    /** Makes every sync token issued so far answer 410, as Google does when a token has expired. */
    public synchronized void expireSyncTokens() {
        tokenGeneration++;
    }

    /** Makes every access token issued so far answer 401 (as if revoked or expired early). */
    public synchronized void revokeAccessTokens() {
        accessTokens.clear();
    }

    /** How many token requests (successful or not) the token endpoint received. */
    public synchronized int tokenRequests() {
        return tokenRequests;
    }

    /** Every calendar request received, in order. */
    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Forgets the recorded requests (not the events). */
    public synchronized void clearRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---------------------------------------------------------------- HTTP

    private record Answer(int status, JsonNode body, Map<String, String> headers) {
        static Answer ok(JsonNode body) {
            return new Answer(200, body, Map.of());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer;
            try {
                answer = route(exchange);
            } catch (RuntimeException e) {
                answer = error(500, "global", "backendError", "fake server failure: " + e);
            }
            byte[] body = answer.body() == null ? new byte[0] : json.writeValueAsBytes(answer.body());
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            if (body.length > 0) {
                exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
            }
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    private Answer route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (path.equals("/token")) {
            return method.equals("POST") ? token(new String(body, StandardCharsets.UTF_8))
                    : error(405, "global", "methodNotAllowed", "POST only");
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        Optional<String> ifMatch = Optional.ofNullable(exchange.getRequestHeaders().getFirst("If-Match"));
        synchronized (this) {
            Answer answer = calendarRequest(method, path, query, ifMatch, body,
                    exchange.getRequestHeaders().getFirst("Authorization"));
            requests.add(new RecordedRequest(method, path, query, ifMatch, answer.status()));
            return opaqueInstanceIds ? externalised(answer) : answer;
        }
    }

    private Answer calendarRequest(String method, String path, Map<String, String> query, Optional<String> ifMatch,
                                   byte[] body, String authorization) {
        if (!path.startsWith(API)) {
            return error(404, "global", "notFound", "Not Found");
        }
        String[] rest = path.substring(API.length()).split("/", -1);
        boolean instancesCall = rest.length == 4 && rest[3].equals("instances");
        if (rest.length < 2 || !rest[1].equals("events") || (rest.length > 3 && !instancesCall)) {
            return error(404, "global", "notFound", "Not Found");
        }
        if (!authorised(authorization)) {
            return new Answer(401, errorBody(401, "global", "authError", "Invalid Credentials"),
                    Map.of("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\""));
        }
        InjectedFailure failure = failures.poll();
        if (failure == null && !method.equals("GET")) {
            failure = writeFailures.poll();
        }
        if (failure == null && method.equals("GET") && rest.length == 2 && query.containsKey("pageToken")) {
            failure = pageFailures.poll();
        }
        if (failure != null && !failure.applyRequest()) {
            return injected(failure);
        }
        FakeCalendar calendar = calendar(rest[0]);
        Answer answer;
        if (rest.length == 2) {
            answer = switch (method) {
                case "GET" -> list(calendar, query);
                case "POST" -> insert(calendar, body);
                default -> error(405, "global", "methodNotAllowed", method + " not allowed");
            };
        } else if (instancesCall) {
            answer = method.equals("GET") ? instancesOf(calendar, internalId(calendar, rest[2]), query)
                    : error(405, "global", "methodNotAllowed", method + " not allowed");
        } else {
            String eventId = internalId(calendar, rest[2]);
            answer = switch (method) {
                case "GET" -> get(calendar, eventId);
                case "PUT" -> replace(calendar, eventId, ifMatch, body, false);
                case "PATCH" -> replace(calendar, eventId, ifMatch, body, true);
                case "DELETE" -> delete(calendar, eventId, ifMatch);
                default -> error(405, "global", "methodNotAllowed", method + " not allowed");
            };
        }
        return failure == null ? answer : injected(failure);
    }

    private Answer injected(InjectedFailure failure) {
        Map<String, String> headers = failure.retryAfter()
                .map(d -> Map.of("Retry-After", Long.toString(d.toSeconds())))
                .orElse(Map.of());
        return new Answer(failure.status(), errorBody(failure.status(), failure.domain(), failure.reason(),
                "injected " + failure.reason()), headers);
    }

    private boolean authorised(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        Instant expiry = accessTokens.get(authorization.substring("Bearer ".length()));
        return expiry != null && clock.instant().isBefore(expiry);
    }

    private synchronized Answer token(String form) {
        tokenRequests++;
        Integer failure = tokenFailures.poll();
        if (failure != null) {
            return oauthError(failure, failure == 429 ? "rate_limit_exceeded" : "temporarily_unavailable");
        }
        Map<String, String> params = query(form);
        if (!"refresh_token".equals(params.get("grant_type"))) {
            return oauthError(400, "unsupported_grant_type");
        }
        if (!clientId.equals(params.get("client_id")) || !clientSecret.equals(params.get("client_secret"))) {
            return oauthError(401, "invalid_client");
        }
        if (!refreshToken.equals(params.get("refresh_token"))) {
            return oauthError(400, "invalid_grant");
        }
        String accessToken = "ya29.fake-" + (++counter);
        accessTokens.put(accessToken, clock.instant().plus(tokenLifetime));
        ObjectNode answer = json.createObjectNode();
        answer.put("access_token", accessToken);
        answer.put("expires_in", tokenLifetime.toSeconds());
        answer.put("token_type", "Bearer");
        answer.put("scope", "https://www.googleapis.com/auth/calendar");
        return Answer.ok(answer);
    }

    private Answer oauthError(int status, String code) {
        ObjectNode body = json.createObjectNode();
        body.put("error", code);
        body.put("error_description", "refused by the fake token endpoint");
        return new Answer(status, body, Map.of());
    }

    // ---------------------------------------------------------------- events

    private Answer list(FakeCalendar calendar, Map<String, String> query) {
        int maxResults = query.containsKey("maxResults") ? Integer.parseInt(query.get("maxResults")) : 250;
        int size = Math.max(1, Math.min(maxResults, pageSize));
        Snapshot snapshot;
        String pageToken = query.get("pageToken");
        boolean singleEvents = Boolean.parseBoolean(query.getOrDefault("singleEvents", "false"));
        boolean showDeleted = Boolean.parseBoolean(query.getOrDefault("showDeleted", "false"));
        if (pageToken != null) {
            snapshot = pages.remove(pageToken);
            if (snapshot == null) {
                return error(400, "global", "invalid", "Invalid page token");
            }
        } else if (query.containsKey("syncToken")) {
            for (String refused : SYNC_TOKEN_RESTRICTIONS) {
                if (query.containsKey(refused)) {
                    return error(400, "global", "syncTokenWithRequestRestrictions",
                            "Sync token cannot be used with other request restrictions.");
                }
            }
            if ("false".equals(query.get("showDeleted"))) {
                return error(400, "global", "syncTokenWithRequestRestrictions",
                        "Sync token cannot be used with other request restrictions.");
            }
            Optional<long[]> token = parseSyncToken(query.get("syncToken"));
            if (token.isEmpty()) {
                return error(410, "global", "fullSyncRequired", "Sync token is no longer valid, a full sync is required.");
            }
            if ((token.get()[1] == 1) != singleEvents) {
                return error(400, "global", "invalid", "singleEvents must be the same as for the initial sync");
            }
            if ((token.get()[2] == 1) != showDeleted) {
                return error(400, "global", "invalid", "showDeleted must be the same as for the initial sync");
            }
            Map<String, ObjectNode> changed = new LinkedHashMap<>();
            for (FakeCalendar.Stored stored : calendar.events.values()) {
                if (stored.version() <= token.get()[0]) {
                    continue;
                }
                String id = stored.json().path("id").asText();
                Optional<RecurringSeries> series = singleEvents ? liveSeries(calendar, id) : Optional.empty();
                if (series.isPresent()) {
                    // a changed series changes every instance
                    instances(calendar, series.get(), true).forEach(i -> changed.put(i.path("id").asText(), listed(i)));
                } else {
                    changed.put(id, listed(stored.json()));
                }
            }
            snapshot = new Snapshot(new ArrayList<>(changed.values()), syncToken(singleEvents, showDeleted));
        } else {
            List<ObjectNode> all = new ArrayList<>();
            for (FakeCalendar.Stored stored : calendar.events.values()) {
                ObjectNode event = stored.json();
                boolean exceptionOfLiveSeries = event.hasNonNull("recurringEventId")
                        && liveSeries(calendar, event.get("recurringEventId").asText()).isPresent();
                Optional<RecurringSeries> series = singleEvents ? liveSeries(calendar, event.path("id").asText())
                        : Optional.empty();
                if (series.isPresent()) {
                    instances(calendar, series.get(), showDeleted).forEach(i -> all.add(listed(i)));
                } else if (singleEvents && exceptionOfLiveSeries) {
                    continue; // listed in its series' place
                } else if (showDeleted || !isCancelled(event) || (!singleEvents && exceptionOfLiveSeries)) {
                    all.add(listed(event));
                }
            }
            snapshot = new Snapshot(all, syncToken(singleEvents, showDeleted));
        }
        ObjectNode answer = json.createObjectNode();
        answer.put("kind", "calendar#events");
        answer.put("summary", calendar.id());
        answer.put("timeZone", "Europe/Amsterdam");
        answer.put("updated", RFC3339_MILLIS.format(clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        ArrayNode items = answer.putArray("items");
        List<ObjectNode> remaining = snapshot.remaining();
        remaining.subList(0, Math.min(size, remaining.size())).forEach(items::add);
        if (remaining.size() > size) {
            String next = "page-" + (++counter);
            pages.put(next, new Snapshot(new ArrayList<>(remaining.subList(size, remaining.size())),
                    snapshot.nextSyncToken()));
            answer.put("nextPageToken", next);
        } else {
            answer.put("nextSyncToken", snapshot.nextSyncToken());
        }
        return Answer.ok(answer);
    }

    /** A deleted event is listed with only what Google keeps of it. */
    private ObjectNode listed(ObjectNode event) {
        if (!isCancelled(event)) {
            return event.deepCopy();
        }
        ObjectNode minimal = json.createObjectNode();
        for (String field : List.of("kind", "etag", "id", "status", "recurringEventId", "originalStartTime")) {
            if (event.has(field)) {
                minimal.set(field, event.get(field).deepCopy());
            }
        }
        return minimal;
    }

    private Answer get(FakeCalendar calendar, String eventId) {
        return event(calendar, eventId).<Answer>map(Answer::ok)
                .orElseGet(() -> error(404, "global", "notFound", "Not Found"));
    }

    private Answer insert(FakeCalendar calendar, byte[] body) {
        ObjectNode event;
        try {
            event = (ObjectNode) json.readTree(body);
        } catch (IOException | ClassCastException e) {
            return error(400, "global", "parseError", "Parse Error");
        }
        if (event.hasNonNull("id")) {
            String id = event.get("id").asText();
            if (!CLIENT_ID_PATTERN.matcher(id).matches()) {
                return error(400, "global", "invalid", "Invalid resource id value.");
            }
            if (calendar.events.containsKey(id)) {
                return error(409, "global", "duplicate", "The requested identifier already exists.");
            }
        } else {
            event.put("id", newEventId());
        }
        Optional<Answer> invalid = checkTimes(event);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        event.remove(List.of("etag", "updated", "created", "kind"));
        event.put("status", "confirmed");
        awaitReplies(event);
        return Answer.ok(stamp(calendar, event, true).deepCopy());
    }

    private Answer replace(FakeCalendar calendar, String eventId, Optional<String> ifMatch, byte[] body,
                           boolean patch) {
        Optional<InstanceRef> instance = instanceRef(calendar, eventId);
        if (instance.isPresent()) {
            return replaceInstance(calendar, instance.get(), ifMatch, body, patch);
        }
        FakeCalendar.Stored stored = calendar.events.get(eventId);
        if (stored == null || (isCancelled(stored.json()) && !revives(body))) {
            return error(404, "global", "notFound", "Not Found");
        }
        Edit edit = edit(stored.json(), ifMatch, body, patch);
        if (edit.refused() != null) {
            return edit.refused();
        }
        ObjectNode event = edit.event();
        event.put("id", eventId);
        event.set("iCalUID", stored.json().get("iCalUID"));
        event.set("created", stored.json().get("created"));
        event.put("status", "confirmed");
        Optional<Answer> invalid = checkTimes(event);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        awaitReplies(event);
        return Answer.ok(stamp(calendar, event, false).deepCopy());
    }

    private Answer delete(FakeCalendar calendar, String eventId, Optional<String> ifMatch) {
        Optional<ObjectNode> current = event(calendar, eventId);
        if (current.isEmpty()) {
            return error(404, "global", "notFound", "Not Found");
        }
        if (isCancelled(current.get())) {
            return error(410, "global", "deleted", "Resource has been deleted");
        }
        if (ifMatch.isPresent() && !ifMatch.get().equals(current.get().path("etag").asText())) {
            return error(412, "global", "conditionNotMet", "Precondition Failed");
        }
        // deleting one instance of a series cancels that occurrence: a cancelled exception
        ObjectNode event = current.get();
        event.put("status", "cancelled");
        stamp(calendar, event, false);
        return new Answer(204, null, Map.of());
    }

    /** PUT or PATCH of one instance: stores it as an exception of its series, which stays as it is. */
    private Answer replaceInstance(FakeCalendar calendar, InstanceRef ref, Optional<String> ifMatch, byte[] body,
                                   boolean patch) {
        ObjectNode current = instance(calendar, ref);
        Edit edit = edit(current, ifMatch, body, patch);
        if (edit.refused() != null) {
            return edit.refused();
        }
        ObjectNode event = edit.event();
        ObjectNode series = ref.series();
        event.remove("recurrence");
        event.put("id", ref.id());
        event.put("recurringEventId", series.path("id").asText());
        event.set("originalStartTime", originalStartTime(series, ref.rule(), ref.originalStart()));
        event.set("iCalUID", series.get("iCalUID"));
        event.set("created", current.get("created"));
        String status = event.path("status").asText("confirmed");
        event.put("status", status.equals("cancelled") ? "cancelled" : "confirmed");
        Optional<Answer> invalid = checkTimes(event);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        awaitReplies(event);
        return Answer.ok(stamp(calendar, event, false).deepCopy());
    }

    /** The event a PUT ({@code patch} false) or PATCH of {@code current} asks for, or why it is refused. */
    private record Edit(ObjectNode event, Answer refused) {
    }

    private Edit edit(ObjectNode current, Optional<String> ifMatch, byte[] body, boolean patch) {
        if (ifMatch.isPresent() && !ifMatch.get().equals(current.path("etag").asText())) {
            return new Edit(null, error(412, "global", "conditionNotMet", "Precondition Failed"));
        }
        JsonNode given;
        try {
            given = json.readTree(body);
        } catch (IOException e) {
            return new Edit(null, error(400, "global", "parseError", "Parse Error"));
        }
        if (!given.isObject()) {
            return new Edit(null, error(400, "global", "parseError", "Parse Error"));
        }
        if (!patch) {
            return new Edit((ObjectNode) given, null);
        }
        ObjectNode event = current.deepCopy();
        merge(event, given);
        return new Edit(event, null);
    }

    private Optional<Answer> checkTimes(ObjectNode event) {
        boolean recurring = event.path("recurrence").isArray() && !event.path("recurrence").isEmpty();
        for (String field : List.of("start", "end")) {
            JsonNode time = event.path(field);
            if (time.hasNonNull("date") == time.hasNonNull("dateTime")) {
                return Optional.of(error(400, "global", "required", "Missing or ambiguous " + field + " time."));
            }
            // Google expands a rule on a wall clock, so a recurring timed event must name its zone
            if (recurring && time.hasNonNull("dateTime") && !time.hasNonNull("timeZone")) {
                return Optional.of(error(400, "global", "required", "Missing time zone definition for "
                        + field + " time."));
            }
        }
        return Optional.empty();
    }

    /** A write that sets {@code status: confirmed} brings a deleted event back, as in Google. */
    private boolean revives(byte[] body) {
        try {
            return "confirmed".equals(json.readTree(body).path("status").asText());
        } catch (IOException e) {
            return false;
        }
    }

    /** Attendees written without a reply are awaiting one, as Google stores them: {@code needsAction}. */
    private static void awaitReplies(ObjectNode event) {
        for (JsonNode attendee : event.path("attendees")) {
            if (attendee.isObject() && !attendee.hasNonNull("responseStatus")) {
                ((ObjectNode) attendee).put("responseStatus", "needsAction");
            }
        }
    }

    // ---------------------------------------------------------------- events.instances and instance ids

    /** {@code events.instances}: the occurrences of a series, one page, {@code originalStart} picking one. */
    private Answer instancesOf(FakeCalendar calendar, String seriesId, Map<String, String> query) {
        FakeCalendar.Stored stored = calendar.events.get(seriesId);
        if (stored != null && isCancelled(stored.json())) {
            return error(410, "global", "deleted", "Resource has been deleted");
        }
        Optional<RecurringSeries> rule = liveSeries(calendar, seriesId);
        if (rule.isEmpty()) {
            return error(404, "global", "notFound", "Not Found");
        }
        boolean showDeleted = Boolean.parseBoolean(query.getOrDefault("showDeleted", "false"));
        Optional<Instant> originalStart = Optional.ofNullable(query.get("originalStart")).map(FakeGoogleCalendarServer::moment);
        ObjectNode answer = json.createObjectNode();
        answer.put("kind", "calendar#events");
        answer.put("summary", calendar.id());
        answer.put("timeZone", "Europe/Amsterdam");
        ArrayNode items = answer.putArray("items");
        for (ObjectNode instance : instances(calendar, rule.get(), showDeleted)) {
            if (originalStart.isEmpty() || originalStart.get().equals(moment(instance.path("originalStartTime")))) {
                items.add(listed(instance));
            }
        }
        return Answer.ok(answer);
    }

    /** A moment from an RFC 3339 date-time, or a date's UTC midnight. */
    private static Instant moment(String text) {
        return text.contains("T") ? OffsetDateTime.parse(text).toInstant()
                : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static Instant moment(JsonNode time) {
        return moment(time.hasNonNull("dateTime") ? time.get("dateTime").asText() : time.path("date").asText());
    }

    /**
     * The id the calendar stores for an id a client sent. With opaque instance ids, an instance is known only by
     * the id the server gave out; the id a client builds itself names nothing.
     */
    private String internalId(FakeCalendar calendar, String eventId) {
        if (!opaqueInstanceIds) {
            return eventId;
        }
        Matcher opaque = OPAQUE_INSTANCE_ID.matcher(eventId);
        if (opaque.matches()) {
            String seriesId = opaque.group(1);
            Instant original = Instant.ofEpochSecond(Long.parseLong(opaque.group(2)));
            boolean allDay = liveSeries(calendar, seriesId).map(RecurringSeries::allDay).orElse(false);
            return RemoteEvent.instanceId(seriesId, original, allDay);
        }
        boolean instance = instanceRef(calendar, eventId).isPresent()
                || Optional.ofNullable(calendar.events.get(eventId)).map(e -> e.json().hasNonNull("recurringEventId"))
                        .orElse(false);
        return instance ? eventId + "#not-an-id-the-server-gave-out" : eventId;
    }

    /** The answer with every instance named by its opaque id. */
    private Answer externalised(Answer answer) {
        if (answer.body() instanceof ObjectNode body) {
            ObjectNode copy = body.deepCopy();
            if (copy.path("items").isArray()) {
                copy.get("items").forEach(item -> opaque((ObjectNode) item));
            } else {
                opaque(copy);
            }
            return new Answer(answer.status(), copy, answer.headers());
        }
        return answer;
    }

    private static void opaque(ObjectNode event) {
        if (event.hasNonNull("recurringEventId") && event.has("originalStartTime")) {
            event.put("id", event.get("recurringEventId").asText() + "_R"
                    + moment(event.get("originalStartTime")).getEpochSecond());
        }
    }

    // ---------------------------------------------------------------- recurring events

    /** One instance of a live series: the series as stored, its expansion, the original start and the id. */
    record InstanceRef(ObjectNode series, RecurringSeries rule, LocalDateTime originalStart, String id) {
    }

    /** The expansion of {@code seriesId} if it is a live series of the calendar whose rule can be expanded. */
    Optional<RecurringSeries> liveSeries(FakeCalendar calendar, String seriesId) {
        FakeCalendar.Stored stored = calendar.events.get(seriesId);
        if (stored == null || isCancelled(stored.json()) || stored.json().hasNonNull("recurringEventId")
                || !stored.json().path("recurrence").isArray()) {
            return Optional.empty();
        }
        ObjectNode series = stored.json();
        List<String> lines = new ArrayList<>();
        series.path("recurrence").forEach(line -> lines.add(line.asText()));
        JsonNode start = series.path("start");
        JsonNode end = series.path("end");
        if (start.hasNonNull("date") && end.hasNonNull("date")) {
            return RecurringSeries.of(seriesId, lines, LocalDate.parse(start.get("date").asText()).atStartOfDay(),
                    LocalDate.parse(end.get("date").asText()).atStartOfDay(), ZoneOffset.UTC, true);
        }
        if (!start.hasNonNull("dateTime") || !end.hasNonNull("dateTime")) {
            return Optional.empty();
        }
        OffsetDateTime first = OffsetDateTime.parse(start.get("dateTime").asText());
        ZoneId zone = start.hasNonNull("timeZone") ? ZoneId.of(start.get("timeZone").asText()) : first.getOffset();
        return RecurringSeries.of(seriesId, lines, first.atZoneSameInstant(zone).toLocalDateTime(),
                OffsetDateTime.parse(end.get("dateTime").asText()).atZoneSameInstant(zone).toLocalDateTime(), zone,
                false);
    }

    /** The instance {@code eventId} names, if it names one of a live series of the calendar. */
    Optional<InstanceRef> instanceRef(FakeCalendar calendar, String eventId) {
        return RecurringSeries.seriesIdOf(eventId).flatMap(seriesId -> liveSeries(calendar, seriesId)
                .flatMap(rule -> rule.originalStartOf(eventId).map(original ->
                        new InstanceRef(calendar.events.get(seriesId).json(), rule, original, eventId))));
    }

    /** The event as stored, or the instance of a series as the rule makes it; a copy either way. */
    Optional<ObjectNode> event(FakeCalendar calendar, String eventId) {
        FakeCalendar.Stored stored = calendar.events.get(eventId);
        if (stored != null) {
            return Optional.of(stored.json().deepCopy());
        }
        return instanceRef(calendar, eventId).map(ref -> instance(calendar, ref));
    }

    /** The instance as it stands: its stored exception, or as the rule makes it (with the series' ETag); a copy. */
    ObjectNode instance(FakeCalendar calendar, InstanceRef ref) {
        FakeCalendar.Stored exception = calendar.events.get(ref.id());
        if (exception != null) {
            return exception.json().deepCopy();
        }
        ObjectNode series = ref.series();
        ObjectNode instance = series.deepCopy();
        instance.remove("recurrence");
        instance.put("id", ref.id());
        instance.put("recurringEventId", series.path("id").asText());
        ObjectNode original = originalStartTime(series, ref.rule(), ref.originalStart());
        instance.set("originalStartTime", original);
        instance.set("start", original.deepCopy());
        instance.set("end", time(series.path("end"), ref.rule(), ref.originalStart().plus(ref.rule().length())));
        return instance;
    }

    /** Every instance of a series in order, exceptions in place; cancelled ones only if asked for. */
    List<ObjectNode> instances(FakeCalendar calendar, RecurringSeries rule, boolean withCancelled) {
        ObjectNode series = calendar.events.get(rule.id()).json();
        List<ObjectNode> out = new ArrayList<>();
        for (LocalDateTime original : rule.originalStarts()) {
            ObjectNode instance = instance(calendar, new InstanceRef(series, rule, original, rule.instanceId(original)));
            if (withCancelled || !isCancelled(instance)) {
                out.add(instance);
            }
        }
        return out;
    }

    private static ObjectNode originalStartTime(ObjectNode series, RecurringSeries rule, LocalDateTime original) {
        return time(series.path("start"), rule, original);
    }

    /** A start or end like {@code like} (date, or dateTime with timeZone) at {@code local} on the series' clock. */
    private static ObjectNode time(JsonNode like, RecurringSeries rule, LocalDateTime local) {
        ObjectNode time = JsonNodeFactory.instance.objectNode();
        if (rule.allDay()) {
            time.put("date", local.toLocalDate().toString());
            return time;
        }
        OffsetDateTime first = OffsetDateTime.parse(like.path("dateTime").asText());
        ZoneId zone = like.hasNonNull("timeZone") ? ZoneId.of(like.get("timeZone").asText()) : first.getOffset();
        time.put("dateTime", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(rule.instant(local).atZone(zone)));
        if (like.hasNonNull("timeZone")) {
            time.put("timeZone", like.get("timeZone").asText());
        }
        return time;
    }

    // ---------------------------------------------------------------- shared with FakeCalendar

    /** Gives {@code event} a new version, ETag and {@code updated}, and stores it. Callers hold the lock. */
    ObjectNode stamp(FakeCalendar calendar, ObjectNode event, boolean created) {
        version++;
        String now = RFC3339_MILLIS.format(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        event.put("kind", "calendar#event");
        event.put("etag", "\"" + (3_181_161_784_712_000L + version) + "\"");
        event.put("updated", now);
        if (created) {
            event.put("created", now);
            if (!event.hasNonNull("iCalUID")) {
                event.put("iCalUID", event.get("id").asText() + "@google.com");
            }
            if (!event.hasNonNull("status")) {
                event.put("status", "confirmed");
            }
        }
        calendar.events.put(event.get("id").asText(), new FakeCalendar.Stored(event, version));
        return event;
    }

    String newEventId() {
        return "srv" + Long.toString(++counter + 1_000_000L, 32);
    }

    JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + text, e);
        }
    }

    static boolean isCancelled(JsonNode event) {
        return "cancelled".equals(event.path("status").asText());
    }

    /** RFC 7396 JSON merge patch: objects merge, {@code null} removes, anything else replaces. */
    static void merge(ObjectNode target, JsonNode patch) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                target.remove(field.getKey());
            } else if (value.isObject() && target.path(field.getKey()).isObject()) {
                merge((ObjectNode) target.get(field.getKey()), value);
            } else {
                target.set(field.getKey(), value.deepCopy());
            }
        }
    }

    // ---------------------------------------------------------------- tokens and helpers

    private String syncToken(boolean singleEvents, boolean showDeleted) {
        return "sync-" + tokenGeneration + "-" + version + "-" + (singleEvents ? 1 : 0) + "-" + (showDeleted ? 1 : 0);
    }

    /** {version, singleEvents 0/1, showDeleted 0/1} of a live token, or empty when it is unknown or expired. */
    private Optional<long[]> parseSyncToken(String token) {
        String[] parts = token.split("-");
        if (parts.length != 5 || !parts[0].equals("sync")) {
            return Optional.empty();
        }
        try {
            if (Long.parseLong(parts[1]) != tokenGeneration) {
                return Optional.empty();
            }
            return Optional.of(new long[] {Long.parseLong(parts[2]), Long.parseLong(parts[3]),
                    Long.parseLong(parts[4])});
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Answer error(int status, String domain, String reason, String message) {
        return new Answer(status, errorBody(status, domain, reason, message), Map.of());
    }

    private ObjectNode errorBody(int status, String domain, String reason, String message) {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putObject("error");
        ObjectNode detail = error.putArray("errors").addObject();
        detail.put("domain", domain);
        detail.put("reason", reason);
        detail.put("message", message);
        error.put("code", status);
        error.put("message", message);
        return body;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    /** Settings of a {@link FakeGoogleCalendarServer}; {@link #start()} binds it. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private int pageSize = 250;
        private Duration tokenLifetime = Duration.ofHours(1);
        private String clientId = CLIENT_ID;
        private String clientSecret = CLIENT_SECRET;
        private String refreshToken = REFRESH_TOKEN;
        private boolean opaqueInstanceIds;

        private Builder() {
        }

        /**
         * Names instances of a series {@code <seriesId>_R<epoch second of the original start>} on the wire instead
         * of the format Google is seen to use, which it does not document: a client that builds instance ids
         * itself instead of reading them ({@code events.instances}, listings) then finds nothing. Tests keep
         * addressing instances through {@link FakeCalendar} by {@link dev.avalon.core.port.RemoteEvent#instanceId}.
         */
        public Builder opaqueInstanceIds(boolean value) {
            this.opaqueInstanceIds = value;
            return this;
        }

        /** The clock for token expiry and {@code updated} stamps (share it with the adapter under test). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The most events a listing page holds, whatever {@code maxResults} the client asks. */
        public Builder pageSize(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("pageSize must be at least 1");
            }
            this.pageSize = value;
            return this;
        }

        /** How long an issued access token is accepted ({@code expires_in}). */
        public Builder tokenLifetime(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("tokenLifetime must be positive");
            }
            this.tokenLifetime = value;
            return this;
        }

        /** The OAuth client and refresh token the token endpoint accepts. */
        public Builder credentials(String newClientId, String newClientSecret, String newRefreshToken) {
            this.clientId = Objects.requireNonNull(newClientId, "clientId");
            this.clientSecret = Objects.requireNonNull(newClientSecret, "clientSecret");
            this.refreshToken = Objects.requireNonNull(newRefreshToken, "refreshToken");
            return this;
        }

        /** Binds 127.0.0.1 on a free port and starts serving. */
        public FakeGoogleCalendarServer start() {
            return new FakeGoogleCalendarServer(this);
        }
    }
}
