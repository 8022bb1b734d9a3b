package dev.avalon.google;

import dev.avalon.core.port.RetryPolicy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.core.port.RemoteCalendarException;
import dev.avalon.core.port.RemoteCalendarException.Kind;
import dev.avalon.core.port.RemoteChanges;
import dev.avalon.core.port.RemoteEvent;
import dev.avalon.google.internal.AccessTokens;
import dev.avalon.google.internal.EventJson;
import dev.avalon.google.internal.GoogleError;
import dev.avalon.google.internal.InstanceName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@link RemoteCalendar} over the Google Calendar REST API v3.
 *
 * <pre>{@code
 * RemoteCalendar google = new GoogleCalendar(
 *         GoogleCalendarConfig.custom("primary", clientId, clientSecret, refreshToken).build());
 * RemoteChanges all = google.changes(Optional.empty());                 // full sync, every page
 * RemoteChanges later = google.changes(Optional.of(all.nextSyncToken())); // what changed since
 * }</pre>
 *
 * <ul>
 *   <li>Authorisation: the OAuth2 refresh-token grant at the configured token endpoint; the access
 *       token is kept until shortly before {@code expires_in}; a 401 refreshes it once and repeats the
 *       call. A 429, 5xx or I/O failure of the token endpoint is retried with the same backoff.</li>
 *   <li>Sync: {@code events.list} page by page, with {@code showDeleted=true} and {@code singleEvents} from
 *       the configuration on the full and the incremental listing alike (Google wants the same parameters on
 *       both and refuses {@code showDeleted=false} with a token); the full listing leaves deleted events out
 *       of its answer. HTTP 410 on a sync token makes it a full listing answered with {@code fullSync = true};
 *       a page token refused (400 or 410) restarts the listing once.</li>
 *   <li>Retries: only idempotent calls — reads, writes under {@code If-Match}, inserts under a
 *       client-chosen id — are retried, after HTTP 429, 403 {@code rateLimitExceeded} or
 *       {@code userRateLimitExceeded}, 5xx or an I/O failure, with the {@link RetryPolicy}'s backoff
 *       ({@code min(cap, base·2^n + random)}) and at least the {@code Retry-After}. Other 403s of the
 *       {@code usageLimits} domain are not retried: {@code accessNotConfigured} is {@code NOT_CONFIGURED}
 *       ("the Calendar API is not enabled for this project"), {@code dailyLimitExceeded} and
 *       {@code quotaExceeded} are {@code QUOTA_EXHAUSTED}.</li>
 *   <li>Inserts: a retried insert answered 409 returns the event already stored under that id; when that
 *       event is one Google keeps as deleted, it is restored ({@code PUT} with {@code status: confirmed} under
 *       its ETag) with the inserted content, never returned cancelled as if created.</li>
 *   <li>Updates: {@link WriteMode#PATCH} by default, which keeps what Avalon does not own (reminders,
 *       conference links, attachments). Attendees are an array that an update replaces whole, so every
 *       attendee Avalon keeps is sent as the remote last showed it (reply, comment, optional flag), from the
 *       last read of that ETag or read now; a new attendee goes out bare and awaits a reply.</li>
 *   <li>Preconditions: {@link #update} and {@link #delete} send {@code If-Match}; a 412 re-reads the
 *       event and throws a {@code CONFLICT} carrying it.</li>
 *   <li>Reading one event: {@link #get} is {@code GET events/{id}}; 404 and 410 are empty, a deleted event
 *       Google still keeps comes back cancelled.</li>
 *   <li>Instances: the port names an instance {@link RemoteEvent#instanceId} (series and original start);
 *       Google names it itself and does not document how, so the adapter never builds Google's id: it finds
 *       the instance with {@code events.instances} and {@code originalStart} (or remembers the id a listing
 *       gave) and writes there with {@code recurringEventId} and {@code originalStartTime}; Google keeps it
 *       as an exception of the series, {@code status: cancelled} cancelling that occurrence. An instance whose
 *       ETag is not known is written under the ETag that look-up found. Listed instances carry the port's
 *       name.</li>
 * </ul>
 *
 * Errors are {@link RemoteCalendarException}s: 400 {@code BAD_REQUEST}, 401/403 {@code UNAUTHORIZED},
 * 404/410 {@code NOT_FOUND}, 412 {@code CONFLICT}, rate limits {@code RATE_LIMITED}, the 403s above
 * {@code NOT_CONFIGURED} and {@code QUOTA_EXHAUSTED}, 5xx and I/O {@code UNAVAILABLE}. Thread-safe.
 */
public final class GoogleCalendar implements RemoteCalendar {

    private static final Logger LOG = LoggerFactory.getLogger(GoogleCalendar.class);
    private static final Pattern CLIENT_ID = Pattern.compile("[a-v0-9]{5,1024}");

    private final GoogleCalendarConfig config;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final EventJson events = new EventJson(json);
    private final AccessTokens tokens;
    private final String eventsPath;
    // port id -> Google's id of an instance, for instances Google names otherwise than the port does
    private final Map<String, String> instanceIds = new ConcurrentHashMap<>();
    // port id -> the attendees (replies included) of the version last read
    private final Map<String, Replies> replies = new ConcurrentHashMap<>();

    /** An adapter with its own HTTP client. */
    public GoogleCalendar(GoogleCalendarConfig config) {
        this(config, HttpClient.newBuilder()
                .connectTimeout(config.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    /** An adapter on a host's HTTP client (proxy, TLS settings). */
    public GoogleCalendar(GoogleCalendarConfig config, HttpClient http) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = Objects.requireNonNull(http, "http");
        this.tokens = new AccessTokens(http, config, json);
        String base = config.baseUri().toString().replaceAll("/+$", "");
        this.eventsPath = base + "/calendars/" + segment(config.calendarId()) + "/events";
    }

    // ---------------------------------------------------------------- the port

    @Override
    public RemoteChanges changes(Optional<String> syncToken) {
        Objects.requireNonNull(syncToken, "syncToken");
        if (syncToken.isPresent()) {
            Optional<RemoteChanges> incremental = list(syncToken);
            if (incremental.isPresent()) {
                return incremental.get();
            }
            LOG.info("sync token of calendar {} expired (HTTP 410); listing everything again", config.calendarId());
        }
        return list(Optional.empty()).orElseThrow(() -> new RemoteCalendarException(Kind.UNAVAILABLE,
                "the full listing of calendar " + config.calendarId() + " was answered HTTP 410"));
    }

    @Override
    public Optional<RemoteEvent> get(String remoteId) {
        Objects.requireNonNull(remoteId, "remoteId");
        return read(remoteId).map(Found::event);
    }

    @Override
    public RemoteEvent insert(RemoteEvent event) {
        Objects.requireNonNull(event, "event");
        if (!CLIENT_ID.matcher(event.remoteId()).matches()) {
            throw new RemoteCalendarException(Kind.BAD_REQUEST,
                    "remote id must be lower-case base32hex of 5 to 1024 characters: " + event.remoteId());
        }
        String body = write(events.toJson(event, true, false));
        HttpResponse<String> response = send(new Call("POST", URI.create(eventsPath), body, null, true));
        if (response.statusCode() == 409) {
            // the id is taken: most likely our own earlier attempt whose answer was lost
            Found existing = read(event.remoteId()).orElseThrow(() -> new RemoteCalendarException(Kind.BAD_REQUEST,
                    "id " + event.remoteId() + " is taken but the event cannot be read"));
            if (!existing.event().cancelled()) {
                LOG.debug("insert of {} answered 409; returning the stored event", event.remoteId());
                return existing.event();
            }
            return revive(event, existing);
        }
        return parsedOrFail(response, "insert " + event.remoteId());
    }

    /**
     * Google keeps a deleted event, id and all, so an insert under its id meets 409; adopting it would report a
     * cancelled event as created. It is brought back instead: written whole with {@code status: confirmed}
     * under the ETag it has as deleted.
     */
    private RemoteEvent revive(RemoteEvent event, Found deleted) {
        LOG.info("insert of {} met a deleted event with that id; restoring it", event.remoteId());
        ObjectNode body = events.toJson(event, false, false);
        body.put("status", "confirmed");
        String etag = deleted.event().etag();
        HttpResponse<String> response = send(new Call("PUT", eventUri(event.remoteId()), write(body), etag,
                etag != null));
        if (response.statusCode() == 412) {
            throw conflict(event.remoteId(), etag);
        }
        RemoteEvent revived = parsedOrFail(response, "restore deleted " + event.remoteId());
        if (revived.cancelled()) {
            throw new RemoteCalendarException(Kind.CONFLICT, "id " + event.remoteId()
                    + " belongs to a deleted event that the remote does not restore");
        }
        return revived;
    }

    @Override
    public RemoteEvent update(RemoteEvent event, String etag) {
        Objects.requireNonNull(event, "event");
        String googleId = event.remoteId();
        Optional<Found> current = Optional.empty();
        if (event.isInstance()) {
            // the instance's id is Google's to give: look it up by its original start (events.instances)
            if (etag == null || !instanceIds.containsKey(event.remoteId())) {
                current = read(event.remoteId());
                if (current.isEmpty()) {
                    throw new RemoteCalendarException(Kind.NOT_FOUND, "update " + event.remoteId()
                            + ": no such instance of series " + event.recurringEventId());
                }
            }
            googleId = googleId(event.remoteId());
            if (etag == null) {
                // as Google's guide says for changing one instance: read it first, then write under its ETag
                etag = current.get().event().etag();
            }
        }
        boolean patch = config.writeMode() == WriteMode.PATCH;
        ObjectNode body = events.toJson(event, false, patch);
        if (!event.attendees().isEmpty()) {
            keepReplies(body, event.remoteId(), etag, current);
        }
        HttpResponse<String> response = send(new Call(patch ? "PATCH" : "PUT", eventUri(googleId), write(body),
                etag, etag != null));
        if (response.statusCode() == 412) {
            throw conflict(event.remoteId(), etag);
        }
        return parsedOrFail(response, "update " + event.remoteId());
    }

    /**
     * Sends each attendee Avalon keeps as the remote last showed it (reply, comment, optional): attendees is an
     * array, which an update or patch replaces whole, and an attendee sent as a bare address is reset to
     * {@code needsAction}. What the remote said is taken from the last read of this version ({@code etag}), or
     * read now.
     */
    private void keepReplies(ObjectNode body, String remoteId, String etag, Optional<Found> current) {
        JsonNode known;
        Replies cached = replies.get(remoteId);
        if (current.isPresent()) {
            known = current.get().node().path("attendees");
        } else if (cached != null && etag != null && etag.equals(cached.etag())) {
            known = cached.attendees();
        } else {
            known = read(remoteId).map(f -> f.node().path("attendees")).orElse(MissingNode.getInstance());
        }
        ArrayNode sent = (ArrayNode) body.path("attendees");
        for (int i = 0; i < sent.size(); i++) {
            String email = sent.get(i).path("email").asText();
            for (JsonNode attendee : known) {
                if (email.equalsIgnoreCase(attendee.path("email").asText())) {
                    sent.set(i, attendee.deepCopy());
                    break;
                }
            }
        }
    }

    @Override
    public void delete(String remoteId, String etag) {
        Objects.requireNonNull(remoteId, "remoteId");
        if (InstanceName.parse(remoteId).isPresent() && !instanceIds.containsKey(remoteId)
                && read(remoteId).isEmpty()) {
            return; // no such occurrence (any more): nothing to delete
        }
        String googleId = googleId(remoteId);
        HttpResponse<String> response = send(new Call("DELETE", eventUri(googleId), null, etag, etag != null));
        int status = response.statusCode();
        if (status == 404 || status == 410 || (status >= 200 && status < 300)) {
            replies.remove(remoteId);
            return;
        }
        if (status == 412) {
            throw conflict(remoteId, etag);
        }
        throw failure(response, "delete " + remoteId);
    }

    // ---------------------------------------------------------------- listing

    /**
     * Every page of one listing; empty when the sync token was refused with 410. Both listings send
     * {@code showDeleted=true}: Google wants an incremental listing to repeat the full one's parameters and
     * refuses {@code showDeleted=false} with a token. A full listing leaves the deleted events out again
     * (Avalon reads an absent event as deleted), keeping the cancelled instances Google lists without
     * {@code showDeleted} too.
     */
    private Optional<RemoteChanges> list(Optional<String> syncToken) {
        List<RemoteEvent> listed = new ArrayList<>();
        Optional<String> pageToken = Optional.empty();
        boolean restarted = false;
        while (true) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("maxResults", Integer.toString(config.pageSize()));
            query.put("singleEvents", Boolean.toString(config.singleEvents()));
            query.put("showDeleted", "true");
            syncToken.ifPresent(t -> query.put("syncToken", t));
            pageToken.ifPresent(t -> query.put("pageToken", t));
            HttpResponse<String> response = send(new Call("GET", URI.create(eventsPath + "?" + form(query)), null,
                    null, true));
            int status = response.statusCode();
            if (status == 410 && syncToken.isPresent()) {
                return Optional.empty();
            }
            if ((status == 400 || status == 410) && pageToken.isPresent() && !restarted) {
                // the page token expired while we paged: the listing starts over, once
                LOG.info("page token of calendar {} refused (HTTP {}); listing again from the first page",
                        config.calendarId(), status);
                restarted = true;
                listed.clear();
                pageToken = Optional.empty();
                continue;
            }
            if ((status == 400 || status == 410) && pageToken.isPresent()) {
                throw new RemoteCalendarException(Kind.UNAVAILABLE, "the listing of calendar " + config.calendarId()
                        + " was refused a page token twice (HTTP " + status + ")");
            }
            if (status != 200) {
                throw failure(response, "list events");
            }
            JsonNode page = parse(response.body());
            for (JsonNode item : page.path("items")) {
                RemoteEvent event = event(item);
                if (syncToken.isPresent() || !event.cancelled() || (event.isInstance() && !config.singleEvents())) {
                    listed.add(event);
                }
            }
            if (page.hasNonNull("nextPageToken")) {
                pageToken = Optional.of(page.get("nextPageToken").asText());
            } else if (page.hasNonNull("nextSyncToken")) {
                return Optional.of(new RemoteChanges(listed, page.get("nextSyncToken").asText(), syncToken.isEmpty()));
            } else {
                throw new RemoteCalendarException(Kind.UNAVAILABLE,
                        "a listing page had neither nextPageToken nor nextSyncToken");
            }
        }
    }

    // ---------------------------------------------------------------- single events

    /** An event as read: the resource as Google sent it and what the port makes of it. */
    private record Found(JsonNode node, RemoteEvent event) {
    }

    /** The event {@code remoteId} names; an instance is looked up by its series and original start. */
    private Optional<Found> read(String remoteId) {
        Optional<InstanceName> instance = InstanceName.parse(remoteId);
        if (instance.isPresent()) {
            return readInstance(instance.get());
        }
        HttpResponse<String> response = send(new Call("GET", eventUri(remoteId), null, null, true));
        if (response.statusCode() == 404 || response.statusCode() == 410) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw failure(response, "read " + remoteId);
        }
        JsonNode node = parse(response.body());
        return Optional.of(new Found(node, event(node)));
    }

    /**
     * One occurrence through {@code events.instances} with {@code originalStart}: Google names instances itself
     * and does not document how, so their ids are read, never built.
     */
    private Optional<Found> readInstance(InstanceName name) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("originalStart", name.originalStartParameter());
        query.put("showDeleted", "true");
        query.put("maxResults", Integer.toString(config.pageSize()));
        Optional<String> pageToken = Optional.empty();
        while (true) {
            pageToken.ifPresent(t -> query.put("pageToken", t));
            HttpResponse<String> response = send(new Call("GET", URI.create(eventsPath + "/" + segment(name.seriesId())
                    + "/instances?" + form(query)), null, null, true));
            if (response.statusCode() == 404 || response.statusCode() == 410) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw failure(response, "read instance " + name.portId());
            }
            JsonNode page = parse(response.body());
            for (JsonNode item : page.path("items")) {
                RemoteEvent event = event(item);
                if (event.remoteId().equals(name.portId())) {
                    return Optional.of(new Found(item, event));
                }
            }
            if (!page.hasNonNull("nextPageToken")) {
                return Optional.empty();
            }
            pageToken = Optional.of(page.get("nextPageToken").asText());
        }
    }

    /** Google's id for what the port calls {@code remoteId}: itself, unless an instance was read under another. */
    private String googleId(String remoteId) {
        return instanceIds.getOrDefault(remoteId, remoteId);
    }

    private RemoteCalendarException conflict(String remoteId, String etag) {
        RemoteEvent current = null;
        try {
            current = read(remoteId).map(Found::event).orElse(null);
        } catch (RemoteCalendarException e) {
            LOG.warn("event {} changed remotely and could not be re-read: {}", remoteId, e.getMessage());
        }
        return RemoteCalendarException.conflict("event " + remoteId + " changed remotely (ETag " + etag
                + " is stale)", current);
    }

    private RemoteEvent parsedOrFail(HttpResponse<String> response, String what) {
        if (response.statusCode() != 200) {
            throw failure(response, what);
        }
        return event(parse(response.body()));
    }

    /**
     * What the port makes of a resource; remembers Google's id of an instance and the attendees' replies, so
     * later writes address the instance and keep the replies without another read.
     */
    private RemoteEvent event(JsonNode node) {
        RemoteEvent event;
        try {
            event = events.fromJson(node);
        } catch (IllegalArgumentException e) {
            throw new RemoteCalendarException(Kind.UNAVAILABLE, "the remote answered a malformed event: "
                    + e.getMessage(), e);
        }
        if (event.isInstance()) {
            instanceIds.put(event.remoteId(), node.path("id").asText());
        }
        if (node.path("attendees").isArray() && !node.path("attendees").isEmpty() && event.etag() != null) {
            replies.put(event.remoteId(), new Replies(event.etag(), node.get("attendees").deepCopy()));
        } else {
            replies.remove(event.remoteId());
        }
        return event;
    }

    /** The attendees as the remote showed them in version {@code etag} of an event. */
    private record Replies(String etag, JsonNode attendees) {
    }

    // ---------------------------------------------------------------- HTTP with retries

    /** One API call; {@code ifMatch} may be null; {@code idempotent} allows retries. */
    private record Call(String method, URI uri, String body, String ifMatch, boolean idempotent) {
    }

    /**
     * Sends {@code call}, refreshing the token once on 401 and retrying what may be retried; answers
     * the first response that is neither of those.
     */
    private HttpResponse<String> send(Call call) {
        boolean refreshed = false;
        int retry = 0;
        while (true) {
            HttpResponse<String> response;
            try {
                response = http.send(request(call, tokens.current()),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (call.idempotent() && retry < config.retry().maxRetries()) {
                    pause(call, retry++, Optional.empty(), "I/O failure " + e.getMessage());
                    continue;
                }
                throw new RemoteCalendarException(Kind.UNAVAILABLE, call.method() + " " + call.uri().getPath()
                        + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RemoteCalendarException(Kind.UNAVAILABLE, "interrupted", e);
            }
            int status = response.statusCode();
            if (status == 401 && !refreshed) {
                tokens.invalidate();
                refreshed = true;
                continue;
            }
            if (!transientFailure(response)) {
                return response;
            }
            if (!call.idempotent() || retry >= config.retry().maxRetries()) {
                throw failure(response, call.method() + " " + call.uri().getPath()
                        + (call.idempotent() ? " after " + retry + " retries" : " (not retried: not idempotent)"));
            }
            Optional<Duration> retryAfter = retryAfter(response);
            if (retryAfter.isPresent() && retryAfter.get().compareTo(config.retry().cap()) > 0) {
                throw new RemoteCalendarException(kind(response), call.method() + " " + call.uri().getPath()
                        + ": the remote asks to wait " + retryAfter.get() + ", longer than the cap "
                        + config.retry().cap());
            }
            pause(call, retry++, retryAfter, "HTTP " + status);
        }
    }

    private void pause(Call call, int retry, Optional<Duration> retryAfter, String why) {
        Duration delay = config.retry().delay(retry, config.random().nextDouble());
        if (retryAfter.isPresent() && retryAfter.get().compareTo(delay) > 0) {
            delay = retryAfter.get();
        }
        LOG.info("{} {}: {}; retry {} in {} ms", call.method(), call.uri().getPath(), why, retry + 1,
                delay.toMillis());
        try {
            config.sleeper().sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteCalendarException(Kind.UNAVAILABLE, "interrupted while backing off", e);
        }
    }

    private boolean transientFailure(HttpResponse<String> response) {
        int status = response.statusCode();
        return status >= 500 || ((status == 429 || status == 403)
                && GoogleError.parse(json, status, response.body()).isRetryableRateLimit());
    }

    private HttpRequest request(Call call, String accessToken) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(call.uri())
                .timeout(config.requestTimeout())
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json");
        if (call.ifMatch() != null) {
            builder.header("If-Match", call.ifMatch());
        }
        if (call.body() != null) {
            builder.header("Content-Type", "application/json; charset=UTF-8");
            builder.method(call.method(), HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8));
        } else {
            builder.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date, measured on the configured clock. */
    private Optional<Duration> retryAfter(HttpResponse<String> response) {
        Optional<String> header = response.headers().firstValue("Retry-After").map(String::trim);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(header.get()))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(header.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(config.clock().instant(), at.toInstant());
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private RemoteCalendarException failure(HttpResponse<String> response, String what) {
        GoogleError error = GoogleError.parse(json, response.statusCode(), response.body());
        String detail = error.message() + (error.reasons().isEmpty() ? "" : " " + error.reasons());
        return error.refusal()
                .map(r -> new RemoteCalendarException(r.kind(), what + ": " + r.meaning() + " (" + detail + ")"))
                .orElseGet(() -> new RemoteCalendarException(kind(response), what + ": " + detail));
    }

    private Kind kind(HttpResponse<String> response) {
        int status = response.statusCode();
        return switch (status) {
            case 400, 409 -> Kind.BAD_REQUEST;
            case 401 -> Kind.UNAUTHORIZED;
            case 403 -> {
                GoogleError error = GoogleError.parse(json, status, response.body());
                yield error.isRetryableRateLimit() ? Kind.RATE_LIMITED
                        : error.refusal().map(GoogleError.Refusal::kind).orElse(Kind.UNAUTHORIZED);
            }
            case 404, 410 -> Kind.NOT_FOUND;
            case 412 -> Kind.CONFLICT;
            case 429 -> Kind.RATE_LIMITED;
            default -> Kind.UNAVAILABLE;
        };
    }

    // ---------------------------------------------------------------- JSON and URIs

    private URI eventUri(String remoteId) {
        return URI.create(eventsPath + "/" + segment(remoteId));
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new RemoteCalendarException(Kind.UNAVAILABLE, "the remote answered something that is not JSON", e);
        }
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException("an event tree could not be written as JSON", e);
        }
    }

    private static String form(Map<String, String> query) {
        return query.entrySet().stream()
                .map(e -> segment(e.getKey()) + "=" + segment(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
