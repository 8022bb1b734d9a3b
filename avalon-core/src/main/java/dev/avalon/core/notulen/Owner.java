package dev.avalon.core.notulen;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who an action point names as its owner, by the first rule that applies:
 * <ol>
 *   <li>an {@code @naam} anywhere in the text;</li>
 *   <li>a leading {@code Naam:} ({@code Jan: offerte versturen}, {@code Jan de Vries: …}); words such as
 *       {@code Besluit:} or {@code Deadline:} are labels, not names;</li>
 *   <li>a leading name followed by a verb ({@code Jan stuurt de offerte}). When the minutes list their
 *       attendees ({@code Aanwezig: Jan, Piet en Anne}), the name must be one of them (or the first name
 *       of one), and any lower-case word may follow. Without such a list, the name is one capitalised
 *       word that is not a pronoun or article, and the next word must be one of the common verbs of
 *       handing out work in {@link #VERBS} ({@code stuurt}, {@code belt}, {@code regelt}, {@code zal},
 *       {@code sends}, …), so {@code Budget wordt besproken} or {@code Nieuwe kast bestellen} name no
 *       owner.</li>
 * </ol>
 * Under these rules a name is only guessed where minutes conventionally put one: at the start.
 *
 * @param name     the owner as written (without {@code @})
 * @param from     where the name (or its {@code Naam:} label) starts in the text
 * @param to       where the name (or label) ends; {@code from == to} when the text keeps it
 */
record Owner(String name, int from, int to) {

    private static final Pattern AT = Pattern.compile("(?<![\\p{L}\\p{N}._%+-])@([\\p{L}\\p{N}_][\\p{L}\\p{N}_.-]*)");
    private static final String WORD = "\\p{Lu}[\\p{L}'’-]*";
    private static final Pattern LABELLED = Pattern.compile(
            "^(" + WORD + "(?:\\s+(?:van|de|der|den|het|ter|ten|te|in|'t|von|" + WORD + ")){0,3})\\s*:\\s*(?=\\S)");
    private static final Pattern LEADING_WORD = Pattern.compile("^(" + WORD + ")\\s+(\\p{Ll}+)(?![\\p{L}])");
    static final Set<String> LABELS = Set.of("actie", "acties", "actiepunt", "ap", "todo", "besluit",
            "besloten", "deadline", "due", "note", "noot", "notitie", "opmerking", "let op", "vraag", "antwoord",
            "status", "datum", "date", "agenda", "punt", "wie", "wat", "wanneer", "waarom", "info", "action",
            "decision", "owner", "eigenaar", "nb", "ps", "update", "conclusie", "afspraak", "aanwezig",
            "afwezig", "notulist", "voorzitter", "zie", "tip", "idee", "reden", "doel", "resultaat", "planning",
            "locatie", "tijd", "plaats", "onderwerp", "kosten", "budget", "prijs", "bedrag", "see", "topic");
    static final Set<String> NOT_NAMES = Set.of("de", "het", "een", "dit", "dat", "deze", "die", "er",
            "wie", "wat", "hij", "zij", "ze", "wij", "we", "ik", "jij", "je", "u", "men", "iedereen", "niemand",
            "alle", "allen", "elk", "ieder", "ook", "nog", "daarna", "dan", "verder", "the", "this", "that", "it",
            "they", "he", "she", "everyone", "nobody", "all", "each", "someone", "iemand", "wordt");
    // without an attendee list a capitalised word is only a name before a verb that says someone acts;
    // a suffix rule would also take "Nieuwe kast bestellen" or "Review budgets" for an owner
    static final Set<String> VERBS = Set.of("stuurt", "verstuurt", "belt", "mailt", "maakt", "regelt", "plant",
            "zoekt", "vraagt", "neemt", "doet", "zorgt", "checkt", "controleert", "schrijft", "bestelt", "levert",
            "informeert", "nodigt", "past", "overlegt", "bereidt", "organiseert", "boekt", "betaalt", "stelt",
            "legt", "geeft", "gaat", "bekijkt", "onderzoekt", "verzorgt", "benadert", "koopt", "haalt", "brengt",
            "werkt", "zet", "pakt", "test", "meldt", "deelt", "verwerkt", "reserveert", "zal", "kan",
            "moet", "sends", "calls", "emails", "writes", "checks", "books", "prepares", "contacts",
            "asks", "updates", "will", "shall", "drafts", "arranges", "orders", "pays", "reviews", "organises",
            "organizes", "invites", "shares");

    /** The owner {@code text} names, if any; {@code attendees} may be empty (the minutes list none). */
    static Optional<Owner> in(String text, List<String> attendees) {
        Matcher at = AT.matcher(text);
        if (at.find()) {
            return Optional.of(new Owner(at.group(1).replaceAll("[.-]+$", ""), 0, 0));
        }
        Matcher labelled = LABELLED.matcher(text);
        if (labelled.find() && !LABELS.contains(labelled.group(1).toLowerCase(Locale.ROOT))
                && !NOT_NAMES.contains(labelled.group(1).toLowerCase(Locale.ROOT))) {
            return Optional.of(new Owner(labelled.group(1), 0, labelled.end()));
        }
        return attendees.isEmpty() ? byVerb(text) : byAttendee(text, attendees);
    }

    private static Optional<Owner> byAttendee(String text, List<String> attendees) {
        List<String> names = new ArrayList<>();
        for (String attendee : attendees) {
            names.add(attendee);
            names.add(attendee.split("\\s+")[0]);
        }
        names.sort(Comparator.comparingInt(String::length).reversed());
        for (String name : names) {
            if (text.startsWith(name) && text.length() > name.length() + 1
                    && Character.isWhitespace(text.charAt(name.length()))) {
                String rest = text.substring(name.length()).stripLeading();
                if (!rest.isEmpty() && Character.isLowerCase(rest.codePointAt(0))) {
                    return Optional.of(new Owner(name, 0, 0));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Owner> byVerb(String text) {
        Matcher m = LEADING_WORD.matcher(text);
        if (!m.find() || NOT_NAMES.contains(m.group(1).toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return VERBS.contains(m.group(2)) ? Optional.of(new Owner(m.group(1), 0, 0)) : Optional.empty();
    }
}
