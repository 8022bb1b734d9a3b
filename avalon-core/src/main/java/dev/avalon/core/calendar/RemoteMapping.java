package dev.avalon.core.calendar;

import dev.avalon.core.base.Mailbox;
import dev.avalon.core.port.RemoteEvent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An event as the remote calendar is to hold it: the id Avalon chooses for it, the series and its single
 * instances as remote events, and the domain's colour in the remote's palette.
 */
final class RemoteMapping {

    static final String AVALON_ID = "avalonId";
    static final String DOMAIN = "domain";
    private static final char[] BASE32HEX = "0123456789abcdefghijklmnopqrstuv".toCharArray();

    private RemoteMapping() {
    }

    /** The remote id Avalon chooses: base32hex of the UID, so a retried insert names the same event. */
    static String remoteId(CalendarEvent e) {
        byte[] bytes = e.uid().getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32HEX[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32HEX[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    /**
     * The series as the remote holds it. Cancelled instances travel as cancelled instances (see
     * {@link #toRemoteInstance}), not as EXDATE lines: an occurrence an EXDATE removes can no longer be
     * addressed, and Google Calendar itself keeps cancellations that way.
     */
    static RemoteEvent toRemote(CalendarEvent e, String remoteId, String etag, CalendarRules rules) {
        List<String> recurrence = new ArrayList<>();
        if (e.recurring()) {
            recurrence.add("RRULE:" + e.recurrence().rrule(e.start(), e.zone()));
        }
        Map<String, String> props = Map.of(AVALON_ID, e.id(), DOMAIN, e.domain());
        if (e.allDay()) {
            return new RemoteEvent(remoteId, etag, e.uid(), e.title(), e.description(), e.location(), null, null, null,
                    e.start().toLocalDate(), e.end().toLocalDate(), recurrence, null, null, false, addresses(e),
                    colorId(e.domain(), rules), props, null);
        }
        return new RemoteEvent(remoteId, etag, e.uid(), e.title(), e.description(), e.location(),
                e.start().atZone(e.zone()).toInstant(), e.end().atZone(e.zone()).toInstant(), e.zone().getId(), null,
                null, recurrence, null, null, false, addresses(e), colorId(e.domain(), rules), props, null);
    }

    /**
     * The instance of series {@code e} at {@code original} as the remote is to hold it: changed, or cancelled
     * (with the rule's times, which a full replacement of the instance still needs).
     */
    static RemoteEvent toRemoteInstance(CalendarEvent e, LocalDateTime original, CalendarRules rules) {
        boolean cancelled = e.exceptions().contains(original);
        InstanceOverride i = cancelled ? e.ruleInstance(original) : e.instance(original);
        Map<String, String> props = Map.of(AVALON_ID, e.id(), DOMAIN, e.domain());
        if (e.allDay()) {
            Instant day = original.toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
            return new RemoteEvent(RemoteEvent.instanceId(e.remoteId(), day, true), null, e.uid(), i.title(),
                    i.description(), i.location(), null, null, null, i.start().toLocalDate(), i.end().toLocalDate(),
                    List.of(), e.remoteId(), day, cancelled, addresses(e), colorId(e.domain(), rules), props, null);
        }
        Instant at = original.atZone(e.zone()).toInstant();
        return new RemoteEvent(RemoteEvent.instanceId(e.remoteId(), at, false), null, e.uid(), i.title(),
                i.description(), i.location(), i.start().atZone(e.zone()).toInstant(),
                i.end().atZone(e.zone()).toInstant(), e.zone().getId(), null, null, List.of(), e.remoteId(), at,
                cancelled, addresses(e), colorId(e.domain(), rules), props, null);
    }

    /**
     * The attendees' addresses: the remote calendar keeps its own names for them, and an attendee entry
     * there is an address alone.
     */
    static List<String> addresses(CalendarEvent e) {
        return e.attendees().stream().map(RemoteMapping::address).toList();
    }

    /** The address of a kept attendee ({@link Mailbox#text()}), or the text itself when it is not one. */
    static String address(String attendee) {
        return Mailbox.parse(attendee).map(Mailbox::address).orElse(attendee);
    }

    /** Google Calendar's event palette, colorId 1..11, as published by its colors endpoint. */
    private static final String[] PALETTE = {"#7986cb", "#33b679", "#8e24aa", "#e67c73", "#f6bf26", "#f4511e",
        "#039be5", "#616161", "#3f51b5", "#0b8043", "#d50000"};

    /** The colorId whose palette colour is nearest (RGB distance) to the domain's colour in behaviour.avl. */
    static String colorId(String domain, CalendarRules rules) {
        CalendarRules.DomainRule rule = rules.domains().get(domain);
        if (rule == null) {
            return null;
        }
        int rgb = Integer.parseInt(rule.colour().substring(1), 16);
        int best = 0;
        long bestDistance = Long.MAX_VALUE;
        for (int i = 0; i < PALETTE.length; i++) {
            int p = Integer.parseInt(PALETTE[i].substring(1), 16);
            long dr = ((rgb >> 16) & 255) - ((p >> 16) & 255);
            long dg = ((rgb >> 8) & 255) - ((p >> 8) & 255);
            long db = (rgb & 255) - (p & 255);
            long d = dr * dr + dg * dg + db * db;
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return String.valueOf(best + 1);
    }
}
