package dev.avalon.caldav;

import dev.avalon.core.port.RetryPolicy;

import dev.avalon.caldav.internal.DavXml;
import dev.avalon.caldav.internal.DavXml.MultiStatus;
import dev.avalon.caldav.internal.DavXml.Response;
import dev.avalon.caldav.internal.EventResource;
import dev.avalon.caldav.internal.InstanceName;
import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.core.port.RemoteCalendarException;
import dev.avalon.core.port.RemoteCalendarException.Kind;
import dev.avalon.core.port.RemoteChanges;
import dev.avalon.core.port.RemoteEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@link RemoteCalendar} over CalDAV (RFC 4791): Nextcloud, Fastmail, iCloud, Radicale, Xandikos and every other
 * server of calendar collections.
 *
 * <pre>{@code
 * RemoteCalendar dav = new CalDavCalendar(CalDavConfig
 *         .custom(URI.create("https://dav.example.org/calendars/anna/work/"))
 *         .login("anna", password)
 *         .build());
 * RemoteChanges all = dav.changes(Optional.empty());                  // full sync, fullSync = true
 * RemoteChanges later = dav.changes(Optional.of(all.nextSyncToken())); // what changed since
 * }</pre>
 *
 * <ul>
 *   <li>Resources: an event is the resource {@code <remoteId>.ics} in the collection; a series holds the
 *       overrides of its single instances ({@code RECURRENCE-ID}) in the same resource, as RFC 4791 §4.1 wants.
 *       An instance's ETag is its series resource's.</li>
 *   <li>Sync: the WebDAV {@code sync-collection} report (RFC 6578) for the ETags of what changed (everything,
 *       without a token), then {@code calendar-multiget} for the data in batches. A deleted resource comes back
 *       as a cancelled event. A token the server refuses ({@code DAV:valid-sync-token}), or an incremental
 *       report that still fails with a server error after the retries, makes it a full listing answered with
 *       {@code fullSync = true}: a full listing is always a correct answer, only a larger one.</li>
 *   <li>Writes: {@code PUT} with {@code If-None-Match: *} to create (a 412 there means the id is taken: the event
 *       stored under it is returned, so a retried insert is safe), {@code PUT}/{@code DELETE} with
 *       {@code If-Match} to change; a 412 re-reads the event and throws a {@code CONFLICT} carrying it. Updating a
 *       series rewrites its master and keeps its overrides; writing one instance rewrites the series resource
 *       with that override, under the series' ETag. A cancelled instance is an override with
 *       {@code STATUS:CANCELLED}, so the series' own lines stay as Avalon wrote them.</li>
 *   <li>Windows: {@link #between} answers the events with a time in a window, by {@code calendar-query}.</li>
 *   <li>Retries: every call is idempotent (a read, or a write under a precondition) and is retried after HTTP
 *       429, 5xx or an I/O failure with the {@link RetryPolicy}'s backoff, at least the {@code Retry-After}.</li>
 * </ul>
 *
 * Errors are {@link RemoteCalendarException}s: 400/409/415 {@code BAD_REQUEST}, 401/403 {@code UNAUTHORIZED},
 * 404/410 {@code NOT_FOUND}, 412 {@code CONFLICT}, 429 {@code RATE_LIMITED}, 5xx and I/O {@code UNAVAILABLE}.
 * The password goes into the {@code Authorization} header only, never into a message or the log. Thread-safe.
 */
public final class CalDavCalendar implements RemoteCalendar {

    private static final Logger LOG = LoggerFactory.getLogger(CalDavCalendar.class);
    private static final Pattern CLIENT_ID = Pattern.compile("[a-v0-9]{5,1024}");
    private static final String PRODUCT = "-//Avalon//CalDAV adapter//EN";
    private static final String XML = "application/xml; charset=utf-8";
    private static final String ICALENDAR = "text/calendar; charset=utf-8";
    /** How often a truncated sync answer (HTTP 507 on the collection) is continued before giving up. */
    private static final int MAX_SYNC_ROUNDS = 10_000;

    private final CalDavConfig config;
    private final HttpClient http;
    private final DavXml xml = new DavXml();
    private final String authorization;

    /** An adapter with its own HTTP client. */
    public CalDavCalendar(CalDavConfig config) {
        this(config, HttpClient.newBuilder()
                .connectTimeout(config.requestTimeout())
                // HTTP/1.1 outright: an h2c upgrade offer on plain http confuses some servers (Xandikos answers 400)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    /** An adapter on a host's HTTP client (proxy, TLS settings). */
    public CalDavCalendar(CalDavConfig config, HttpClient http) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = Objects.requireNonNull(http, "http");
        this.authorization = config.user() == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (config.user() + ":" + config.password()).getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- the port

    @Override
    public RemoteChanges changes(Optional<String> syncToken) {
        Objects.requireNonNull(syncToken, "syncToken");
        if (syncToken.isPresent()) {
            Optional<RemoteChanges> incremental = sync(syncToken);
            if (incremental.isPresent()) {
                return incremental.get();
            }
        }
        return sync(Optional.empty()).orElseThrow(() -> new RemoteCalendarException(Kind.UNAVAILABLE,
                "the full listing of " + config.calendar() + " was refused"));
    }

    @Override
    public Optional<RemoteEvent> get(String remoteId) {
        Objects.requireNonNull(remoteId, "remoteId");
        Optional<InstanceName> instance = InstanceName.parse(remoteId);
        if (instance.isPresent()) {
            Optional<Stored> series = read(instance.get().seriesId());
            if (series.isPresent()) {
                return series.get().resource().instance(instance.get(), series.get().etag());
            }
            // no such series: perhaps a resource another client named so (name_20261124.ics)
        }
        return read(remoteId).flatMap(s -> s.resource().master(remoteId, s.etag()));
    }

    @Override
    public RemoteEvent insert(RemoteEvent event) {
        Objects.requireNonNull(event, "event");
        if (event.isInstance()) {
            return update(event, null);
        }
        if (!CLIENT_ID.matcher(event.remoteId()).matches()) {
            throw new RemoteCalendarException(Kind.BAD_REQUEST,
                    "remote id must be lower-case base32hex of 5 to 1024 characters: " + event.remoteId());
        }
        EventResource resource = resource(() -> EventResource.of(event, PRODUCT, config.clock()));
        HttpResponse<String> response = send(new Call("PUT", resourceUri(event.remoteId()), resource.text(),
                ICALENDAR, Map.of("If-None-Match", "*")));
        if (response.statusCode() == 412) {
            // the id is taken: most likely our own earlier attempt whose answer was lost
            Stored existing = read(event.remoteId()).orElseThrow(() -> new RemoteCalendarException(Kind.CONFLICT,
                    "id " + event.remoteId() + " is taken but the event cannot be read"));
            LOG.debug("insert of {} answered 412; returning the stored event", event.remoteId());
            return existing.resource().master(event.remoteId(), existing.etag())
                    .orElseThrow(() -> new RemoteCalendarException(Kind.CONFLICT,
                            "id " + event.remoteId() + " holds instances of a series but no event"));
        }
        requireSuccess(response, "insert " + event.remoteId());
        Stored written = written(event.remoteId(), resource, response);
        return written.resource().master(event.remoteId(), written.etag()).orElseThrow();
    }

    @Override
    public RemoteEvent update(RemoteEvent event, String etag) {
        Objects.requireNonNull(event, "event");
        if (event.isInstance()) {
            return updateInstance(event, etag);
        }
        Stored stored = read(event.remoteId()).orElseThrow(() -> new RemoteCalendarException(Kind.NOT_FOUND,
                "update " + event.remoteId() + ": no such event"));
        // the series' overrides are kept: Avalon writes the master only
        EventResource resource = resource(() -> stored.resource().withMaster(event, config.clock()));
        HttpResponse<String> response = put(event.remoteId(), resource, etag != null ? etag : stored.etag());
        Stored written = written(event.remoteId(), resource, response);
        return written.resource().master(event.remoteId(), written.etag()).orElseThrow();
    }

    private RemoteEvent updateInstance(RemoteEvent event, String etag) {
        InstanceName name = InstanceName.parse(event.remoteId())
                .filter(n -> n.seriesId().equals(event.recurringEventId()))
                .orElseThrow(() -> new RemoteCalendarException(Kind.BAD_REQUEST, "update " + event.remoteId()
                        + ": not the instance id of series " + event.recurringEventId()));
        if (event.originalStart() == null || !event.originalStart().equals(name.originalStart())) {
            throw new RemoteCalendarException(Kind.BAD_REQUEST, "update " + event.remoteId()
                    + ": the original start does not match the instance id");
        }
        Stored series = read(name.seriesId()).orElseThrow(() -> new RemoteCalendarException(Kind.NOT_FOUND,
                "update " + event.remoteId() + ": no series " + name.seriesId()));
        if (series.resource().instance(name, series.etag()).isEmpty()) {
            throw new RemoteCalendarException(Kind.NOT_FOUND, "update " + event.remoteId() + ": series "
                    + name.seriesId() + " has no occurrence at " + name.originalStart());
        }
        EventResource resource = resource(() -> series.resource().withInstance(event, config.clock()));
        // an instance never seen is written under the series' ETag as read now, so the write stays conditional
        HttpResponse<String> response = put(event.remoteId(), resource, etag != null ? etag : series.etag());
        Stored written = written(event.remoteId(), resource, response);
        return written.resource().instance(name, written.etag()).orElseThrow();
    }

    @Override
    public void delete(String remoteId, String etag) {
        Objects.requireNonNull(remoteId, "remoteId");
        Optional<InstanceName> instance = InstanceName.parse(remoteId);
        if (instance.isPresent() && read(instance.get().seriesId()).isPresent()) {
            Optional<RemoteEvent> current = get(remoteId);
            if (current.isPresent() && current.get().isInstance() && !current.get().cancelled()) {
                RemoteEvent e = current.get();
                updateInstance(new RemoteEvent(e.remoteId(), null, e.iCalUid(), e.title(), e.description(),
                        e.location(), e.start(), e.end(), e.zone(), e.startDate(), e.endDate(), List.of(),
                        e.recurringEventId(), e.originalStart(), true, e.attendees(), e.colorId(),
                        e.privateProperties(), null), etag);
            }
            return; // no such occurrence (any more): nothing to delete
        }
        Map<String, String> headers = etag == null ? Map.of() : Map.of("If-Match", etag);
        HttpResponse<String> response = send(new Call("DELETE", resourceUri(remoteId), null, null, headers));
        int status = response.statusCode();
        if (status == 404 || status == 410 || (status >= 200 && status < 300)) {
            return;
        }
        if (status == 412) {
            Optional<Stored> now = read(remoteId);
            if (now.isEmpty()) {
                return; // deleted meanwhile, by someone else or by our own earlier attempt
            }
            throw RemoteCalendarException.conflict("event " + remoteId + " changed remotely (ETag " + etag
                    + " is stale)", now.get().resource().master(remoteId, now.get().etag()).orElse(null));
        }
        throw failure(response, "delete " + remoteId);
    }

    /**
     * Every event with a time in {@code [from, to)}, by {@code calendar-query} (RFC 4791 §7.8): a series with an
     * occurrence in the window comes whole, its master and its overrides, as in a listing. A second query fetches
     * every series and keeps those whose occurrences (expanded here) meet the window, for servers whose time-range
     * filter looks at a series' first occurrence only.
     */
    public List<RemoteEvent> between(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the window must end after it starts: " + from + " .. " + to);
        }
        Map<String, EventResource> found = new LinkedHashMap<>();
        Map<String, String> etags = new LinkedHashMap<>();
        query(xml.eventsBetween(from, to), "calendar-query " + from + " .. " + to, found, etags);
        // a server may test a series' first occurrence only (RFC 4791 §9.9 wants every one): series are also
        // fetched whole and their occurrences expanded here
        Map<String, EventResource> series = new LinkedHashMap<>();
        query(xml.recurringEvents(), "calendar-query of series", series, etags);
        series.forEach((href, resource) -> {
            if (!found.containsKey(href) && resource.overlaps(from, to)) {
                found.put(href, resource);
            }
        });
        List<RemoteEvent> events = new ArrayList<>();
        found.forEach((href, resource) -> events.addAll(resource.events(remoteId(href), etags.get(href))));
        return events;
    }

    private void query(String body, String what, Map<String, EventResource> found, Map<String, String> etags) {
        HttpResponse<String> response = send(new Call("REPORT", config.calendar(), body, XML, Map.of("Depth", "1")));
        if (response.statusCode() != 207) {
            throw failure(response, what);
        }
        for (Response r : multiStatus(response).responses()) {
            if (r.calendarData() != null && (r.status() == 0 || r.status() == 200)) {
                try {
                    found.put(r.href(), EventResource.parse(r.calendarData(), PRODUCT));
                    etags.put(r.href(), r.etag());
                } catch (IllegalArgumentException e) {
                    LOG.warn("resource {} is not readable iCalendar and is skipped: {}", r.href(), e.getMessage());
                }
            }
        }
    }

    /**
     * Creates the configured calendar collection (MKCALENDAR, RFC 4791 §5.3.1) for events, named
     * {@code displayName}; a collection that is already there is left as it is.
     */
    public void createCalendar(String displayName) {
        Objects.requireNonNull(displayName, "displayName");
        HttpResponse<String> response = send(new Call("MKCALENDAR", config.calendar(), xml.mkcalendar(displayName),
                XML, Map.of()));
        if (response.statusCode() == 405) {
            LOG.debug("{} exists already", config.calendar());
            return;
        }
        requireSuccess(response, "create calendar " + config.calendar());
    }

    // ---------------------------------------------------------------- sync

    /** One listing; empty when the server refused the token (or cannot use it). */
    private Optional<RemoteChanges> sync(Optional<String> token) {
        Map<String, String> changed = new LinkedHashMap<>();
        Set<String> deleted = new LinkedHashSet<>();
        Optional<String> current = token;
        String next = null;
        for (int round = 0; round < MAX_SYNC_ROUNDS; round++) {
            HttpResponse<String> response = send(new Call("REPORT", config.calendar(), xml.syncCollection(current),
                    XML, Map.of("Depth", "0")));
            int status = response.statusCode();
            if (token.isPresent() && (status == 403 || status == 409 || status == 412)
                    && xml.namesPrecondition(response.body(), DavXml.DAV, "valid-sync-token")) {
                LOG.info("sync token of {} refused (HTTP {}); listing everything again", config.calendar(), status);
                return Optional.empty();
            }
            if (token.isPresent() && status >= 500) {
                LOG.warn("incremental sync of {} failed with HTTP {} after the retries; listing everything again",
                        config.calendar(), status);
                return Optional.empty();
            }
            if (status != 207) {
                throw failure(response, "sync-collection");
            }
            MultiStatus answer = multiStatus(response);
            boolean truncated = false;
            for (Response r : answer.responses()) {
                if (isCollection(r.href())) {
                    truncated |= r.status() == 507;
                } else if (r.status() == 404 || r.status() == 410) {
                    changed.remove(r.href());
                    deleted.add(r.href());
                } else if (r.href().endsWith(".ics")) {
                    deleted.remove(r.href());
                    changed.put(r.href(), r.etag());
                }
            }
            if (answer.syncToken() == null || answer.syncToken().isBlank()) {
                throw new RemoteCalendarException(Kind.UNAVAILABLE, "the sync answer of " + config.calendar()
                        + " carried no sync-token");
            }
            next = answer.syncToken();
            if (!truncated) {
                return Optional.of(new RemoteChanges(listed(changed.keySet(), deleted, token.isEmpty()), next,
                        token.isEmpty()));
            }
            current = Optional.of(next);
        }
        throw new RemoteCalendarException(Kind.UNAVAILABLE, "the sync answer of " + config.calendar()
                + " stayed truncated after " + MAX_SYNC_ROUNDS + " rounds");
    }

    /** The events of {@code hrefs}, read by {@code calendar-multiget}, and the {@code deleted} ones cancelled. */
    private List<RemoteEvent> listed(Set<String> hrefs, Set<String> deleted, boolean full) {
        List<RemoteEvent> events = new ArrayList<>();
        List<String> all = new ArrayList<>(hrefs);
        Set<String> gone = new LinkedHashSet<>(deleted);
        for (int i = 0; i < all.size(); i += config.multigetBatch()) {
            List<String> batch = all.subList(i, Math.min(all.size(), i + config.multigetBatch()));
            HttpResponse<String> response = send(new Call("REPORT", config.calendar(), xml.multiget(batch), XML,
                    Map.of("Depth", "1")));
            if (response.statusCode() != 207) {
                throw failure(response, "calendar-multiget");
            }
            for (Response r : multiStatus(response).responses()) {
                if (r.status() == 404 || r.status() == 410) {
                    gone.add(r.href()); // deleted between the sync answer and this read
                } else if (r.calendarData() != null) {
                    events.addAll(events(r.href(), r.etag(), r.calendarData(), full));
                }
            }
        }
        if (!full) {
            for (String href : gone) {
                events.add(new RemoteEvent(remoteId(href), null, null, "", "", "", null, null, null, null, null,
                        List.of(), null, null, true, List.of(), null, Map.of(), null));
            }
        }
        return events;
    }

    /** The events of one resource; a full listing leaves a cancelled master out (it counts as deleted). */
    private List<RemoteEvent> events(String href, String etag, String data, boolean full) {
        EventResource resource;
        try {
            resource = EventResource.parse(data, PRODUCT);
        } catch (IllegalArgumentException e) {
            LOG.warn("resource {} is not readable iCalendar and is skipped: {}", href, e.getMessage());
            return List.of();
        }
        List<RemoteEvent> events = new ArrayList<>();
        for (RemoteEvent event : resource.events(remoteId(href), etag)) {
            if (!(full && event.cancelled() && !event.isInstance())) {
                events.add(event);
            }
        }
        return events;
    }

    // ---------------------------------------------------------------- single resources

    /** A resource as read, with the ETag a write must carry. */
    private record Stored(EventResource resource, String etag) {
    }

    private Optional<Stored> read(String remoteId) {
        URI uri = resourceUri(remoteId);
        HttpResponse<String> response = send(new Call("GET", uri, null, null, Map.of("Accept", "text/calendar")));
        if (response.statusCode() == 404 || response.statusCode() == 410) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw failure(response, "read " + remoteId);
        }
        Optional<String> etag = response.headers().firstValue("ETag");
        if (etag.isEmpty()) {
            // no ETag on GET: read data and ETag together, as one version
            HttpResponse<String> multi = send(new Call("REPORT", config.calendar(),
                    xml.multiget(List.of(uri.getRawPath())), XML, Map.of("Depth", "1")));
            if (multi.statusCode() != 207) {
                throw failure(multi, "read " + remoteId);
            }
            for (Response r : multiStatus(multi).responses()) {
                if (r.calendarData() != null && r.etag() != null) {
                    return Optional.of(new Stored(parse(r.calendarData(), remoteId), r.etag()));
                }
            }
            return Optional.empty();
        }
        return Optional.of(new Stored(parse(response.body(), remoteId), etag.get()));
    }

    private EventResource parse(String data, String remoteId) {
        try {
            return EventResource.parse(data, PRODUCT);
        } catch (IllegalArgumentException e) {
            throw new RemoteCalendarException(Kind.UNAVAILABLE, "event " + remoteId
                    + " is not readable iCalendar: " + e.getMessage(), e);
        }
    }

    /** A conditional replace; a 412 re-reads and throws a {@code CONFLICT} carrying the event, or NOT_FOUND. */
    private HttpResponse<String> put(String remoteId, EventResource resource, String ifMatch) {
        HttpResponse<String> response = send(new Call("PUT", resourceUri(seriesOf(remoteId)), resource.text(),
                ICALENDAR, Map.of("If-Match", ifMatch)));
        if (response.statusCode() == 412) {
            Optional<RemoteEvent> current = get(remoteId);
            if (current.isEmpty()) {
                throw new RemoteCalendarException(Kind.NOT_FOUND, "update " + remoteId + ": deleted remotely");
            }
            throw RemoteCalendarException.conflict("event " + remoteId + " changed remotely (ETag " + ifMatch
                    + " is stale)", current.get());
        }
        if (response.statusCode() == 404 || response.statusCode() == 410) {
            throw new RemoteCalendarException(Kind.NOT_FOUND, "update " + remoteId + ": deleted remotely");
        }
        requireSuccess(response, "update " + remoteId);
        return response;
    }

    /**
     * What the server holds after a successful write: the resource as sent, unless the server changed it on the
     * way in and so gave no ETag for it (RFC 4791 §5.3.4), when it is read back.
     */
    private Stored written(String remoteId, EventResource sent, HttpResponse<String> response) {
        Optional<String> etag = response.headers().firstValue("ETag");
        if (etag.isPresent()) {
            return new Stored(sent, etag.get());
        }
        return read(seriesOf(remoteId)).orElseThrow(() -> new RemoteCalendarException(Kind.NOT_FOUND,
                "event " + remoteId + " was written but cannot be read back"));
    }

    private static String seriesOf(String remoteId) {
        return InstanceName.parse(remoteId).map(InstanceName::seriesId).orElse(remoteId);
    }

    private static EventResource resource(java.util.function.Supplier<EventResource> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new RemoteCalendarException(Kind.BAD_REQUEST, "the event cannot be written as iCalendar: "
                    + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- names

    private URI resourceUri(String remoteId) {
        return config.calendar().resolve(URLEncoder.encode(remoteId, StandardCharsets.UTF_8).replace("+", "%20")
                + ".ics");
    }

    private boolean isCollection(String href) {
        String path = config.calendar().resolve(href).getPath();
        return path.equals(config.calendar().getPath()) || (path + "/").equals(config.calendar().getPath());
    }

    /** The event's id from its href: the last segment without {@code .ics}. */
    private static String remoteId(String href) {
        String path = href.endsWith("/") ? href.substring(0, href.length() - 1) : href;
        String name = path.substring(path.lastIndexOf('/') + 1);
        try {
            name = URLDecoder.decode(name.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            LOG.debug("href {} is not percent-encoded cleanly; taken as it is", href);
        }
        return name.endsWith(".ics") ? name.substring(0, name.length() - 4) : name;
    }

    private MultiStatus multiStatus(HttpResponse<String> response) {
        try {
            return xml.multiStatus(response.body());
        } catch (IllegalArgumentException e) {
            throw new RemoteCalendarException(Kind.UNAVAILABLE, "the server answered a malformed multistatus: "
                    + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- HTTP with retries

    /** One request; {@code headers} besides authorisation and content type. */
    private record Call(String method, URI uri, String body, String contentType, Map<String, String> headers) {
    }

    /**
     * Sends {@code call}, retrying after 429, 5xx and I/O failures; answers the first response that is none of
     * those, or the last one when the retries are spent. I/O failing every time is {@code UNAVAILABLE}.
     */
    private HttpResponse<String> send(Call call) {
        int retry = 0;
        while (true) {
            HttpResponse<String> response;
            try {
                response = http.send(request(call), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (retry < config.retry().maxRetries()) {
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
            if (!(status == 429 || status >= 500) || retry >= config.retry().maxRetries()) {
                return response;
            }
            Optional<Duration> retryAfter = retryAfter(response);
            if (retryAfter.isPresent() && retryAfter.get().compareTo(config.retry().cap()) > 0) {
                throw new RemoteCalendarException(kind(status), call.method() + " " + call.uri().getPath()
                        + ": the server asks to wait " + retryAfter.get() + ", longer than the cap "
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

    private HttpRequest request(Call call) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(call.uri()).timeout(config.requestTimeout());
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        call.headers().forEach(builder::header);
        if (call.body() != null) {
            builder.header("Content-Type", call.contentType());
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

    private void requireSuccess(HttpResponse<String> response, String what) {
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw failure(response, what);
        }
    }

    private RemoteCalendarException failure(HttpResponse<String> response, String what) {
        int status = response.statusCode();
        return new RemoteCalendarException(kind(status), what + ": HTTP " + status + " from "
                + response.uri().getPath());
    }

    private static Kind kind(int status) {
        return switch (status) {
            case 401, 403 -> Kind.UNAUTHORIZED;
            case 404, 410 -> Kind.NOT_FOUND;
            case 412 -> Kind.CONFLICT;
            case 429 -> Kind.RATE_LIMITED;
            default -> status >= 500 ? Kind.UNAVAILABLE : Kind.BAD_REQUEST;
        };
    }

    @Override
    public String toString() {
        return "CalDavCalendar[" + config.calendar() + "]";
    }
}
