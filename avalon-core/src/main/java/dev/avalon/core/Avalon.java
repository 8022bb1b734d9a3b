package dev.avalon.core;

import dev.avalon.core.feature.Feature;
import dev.avalon.core.action.ActionCatalog;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.action.ActionInterceptor;
import dev.avalon.core.action.ActionRequest;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.action.Caller;
import dev.avalon.core.action.CatalogExport;
import dev.avalon.core.action.CatalogFormat;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.event.DomainEventListener;
import dev.avalon.core.governance.CommitPrecondition;
import dev.avalon.core.internal.Kernel;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.ReadLimits;
import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.port.AlertSink;
import dev.avalon.core.port.BrainStore;
import dev.avalon.core.port.IdSource;
import dev.avalon.core.port.Ports;
import dev.avalon.core.port.SealKeys;
import dev.avalon.core.question.QuestionKind;
import dev.avalon.core.action.QuestionResolver;
import dev.avalon.core.schedule.TickReport;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The one way into Avalon: JSON actions in, JSON answers out.
 *
 * <pre>{@code
 * Avalon avalon = Avalon.builder()
 *         .brain(GitBrainStore.open(Path.of("brain")))
 *         .clock(Clock.systemUTC())
 *         .alerts(System.err::println)
 *         .build();
 * ActionResult result = avalon.dispatch("""
 *         {"action":"behaviour.get","data":{"path":"reminderEscalationRules.threshold"}}""");
 * }</pre>
 *
 * <p>{@link #dispatch} never throws for bad input and never changes the brain when it rejects.
 * Calls are serialized: one writer per brain.
 */
public final class Avalon implements AutoCloseable {

    private final Kernel kernel;
    private final BrainStore store;
    private final Caller defaultCaller;
    private final Clock clock;

    private Avalon(Kernel kernel, BrainStore store, Caller defaultCaller, Clock clock) {
        this.kernel = kernel;
        this.store = store;
        this.defaultCaller = defaultCaller;
        this.clock = clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs one action given as a JSON envelope, as the builder's default caller. */
    public ActionResult dispatch(String json) {
        return dispatch(json, defaultCaller);
    }

    /** Runs one action as {@code caller}. A string with unpaired surrogates is refused as invalid UTF-8. */
    public ActionResult dispatch(String json, Caller caller) {
        Objects.requireNonNull(json, "json");
        byte[] bytes = StandardCharsets.UTF_8.newEncoder().canEncode(json)
                ? json.getBytes(StandardCharsets.UTF_8) : new byte[] {(byte) 0xFF};
        return kernel.dispatch(bytes, caller);
    }

    /** Runs one action given as raw UTF-8 bytes (invalid UTF-8 is refused). */
    public ActionResult dispatch(byte[] utf8, Caller caller) {
        return kernel.dispatch(Objects.requireNonNull(utf8, "utf8"), caller);
    }

    /** Runs one typed request. */
    public ActionResult dispatch(ActionRequest request, Caller caller) {
        return kernel.dispatch(Objects.requireNonNull(request, "request"), caller);
    }

    /** Runs one action and answers with the wire JSON (one line). */
    public String dispatchToJson(String json) {
        return CanonicalJson.string(dispatch(json).toJson());
    }

    /**
     * Runs the scheduled jobs that are due now by the injected clock, each through the unit of work
     * like an action, and answers with what ran. A slot missed while the host was down runs once,
     * marked late; no job runs in STATE_DR or STATE_INCONSISTENT. Hosts call this on a timer (every
     * minute is plenty); the {@code system.tick} action does the same after moving a manual clock.
     */
    public TickReport tick() {
        return kernel.tick();
    }

    public ActionCatalog catalog() {
        return kernel.catalog();
    }

    /** The catalogue in one of the export formats. */
    public JsonNode exportCatalog(CatalogFormat format) {
        return CatalogExport.export(kernel.catalog(), format);
    }

    /** Typed reads of the brain, for hosts that prefer Java calls. */
    /**
     * The event bus of this brain: subscribe by pattern ({@code calendar.*}, {@code *.created},
     * {@code **}) with a priority and a filter; see {@code docs/EVENTS.md} for the catalogue.
     */
    public dev.avalon.core.event.EventBus events() {
        return kernel.events();
    }

    public Brain brain() {
        return kernel.brain();
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        store.close();
    }

    /** Assembles an Avalon; {@link #build()} reports every missing required port at once. */
    public static final class Builder {
        private BrainStore brain;
        private Clock clock;
        private AlertSink alerts;
        private ZoneId zone = ZoneId.of("Europe/Amsterdam");
        private IdSource ids;
        private Caller caller = Caller.owner();
        private ReadLimits limits = ReadLimits.defaults();
        private int rateLimit = 50;
        private int highRiskRateLimit = 10;
        private Duration questionTtl = Duration.ofDays(7);
        private final List<DomainEventListener> listeners = new ArrayList<>();
        private final List<ActionDefinition> actions = new ArrayList<>();
        private final List<CommitPrecondition> preconditions = new ArrayList<>();
        private final Map<QuestionKind, QuestionResolver> resolvers = new java.util.HashMap<>();
        private final List<Feature> features = new ArrayList<>();
        private String restoredFrom;
        private final List<ActionInterceptor> interceptors = new ArrayList<>();
        private boolean defaultFeatures = true;
        private Ports ports = Ports.none();
        private SealKeys sealKeys = SealKeys.none();

        private Builder() {
        }

        /** Required: where the brain lives. */
        public Builder brain(BrainStore value) {
            this.brain = value;
            return this;
        }

        /** Required: the clock every timestamp comes from. */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** Required: where alerts go. */
        public Builder alerts(AlertSink value) {
            this.alerts = value;
            return this;
        }

        /** The user's time zone; default Europe/Amsterdam. */
        public Builder zone(ZoneId value) {
            this.zone = Objects.requireNonNull(value, "zone");
            return this;
        }

        /**
         * A random version-4 UUID after the prefix. Ids name things, they guard nothing (every action
         * is authorized by the caller's scopes), so a fast generator serves; SecureRandom's cost showed
         * on every request, which takes a trace id.
         */
        private static String randomId(String prefix) {
            java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
            long high = random.nextLong() & ~0xF000L | 0x4000L;
            long low = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
            return prefix + "-" + new UUID(high, low);
        }

        /** Id source; default random (version-4 UUID) ids. */
        public Builder ids(IdSource value) {
            this.ids = Objects.requireNonNull(value, "ids");
            return this;
        }

        /** The caller {@link #dispatch(String)} acts as; default {@link Caller#owner()}. */
        public Builder defaultCaller(Caller value) {
            this.caller = Objects.requireNonNull(value, "caller");
            return this;
        }

        public Builder readLimits(ReadLimits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /**
         * Requests per caller per minute: ordinary and high-risk actions. Defaults 50 and 10;
         * {@code Integer.MAX_VALUE} switches a limit off.
         */
        public Builder rateLimits(int perMinute, int highRiskPerMinute) {
            if (perMinute <= 0 || highRiskPerMinute <= 0) {
                throw new IllegalArgumentException("rate limits must be positive");
            }
            this.rateLimit = perMinute;
            this.highRiskRateLimit = highRiskPerMinute;
            return this;
        }

        /** How long a question stays answerable; default 7 days. */
        public Builder questionTtl(Duration value) {
            this.questionTtl = Objects.requireNonNull(value, "questionTtl");
            return this;
        }

        public Builder listener(DomainEventListener value) {
            listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        /** Adds an action; a name already taken fails {@link #build()}. */
        public Builder action(ActionDefinition value) {
            actions.add(Objects.requireNonNull(value, "action"));
            return this;
        }

        public Builder commitPrecondition(CommitPrecondition value) {
            preconditions.add(Objects.requireNonNull(value, "precondition"));
            return this;
        }

        /** Adds an engine's actions, resolvers, commit preconditions and jobs. */
        public Builder feature(Feature value) {
            features.add(Objects.requireNonNull(value, "feature"));
            return this;
        }

        /**
         * Adds an interceptor to the dispatch chain. The host's interceptors run right after the trace
         * id is set, before Avalon's own checks, in the order they are added (see {@link ActionInterceptor}).
         */
        public Builder interceptor(ActionInterceptor value) {
            interceptors.add(Objects.requireNonNull(value, "interceptor"));
            return this;
        }

        /** Leaves out the engines every Avalon has by default: only the kernel's actions and the features added here. */
        public Builder withoutDefaultFeatures() {
            this.defaultFeatures = false;
            return this;
        }

        /**
         * Wires an optional port, e.g. {@code .port(SheetRenderer.class, new XlsxSheetRenderer())}.
         * Actions that need a port the host did not wire answer with a typed refusal.
         */
        public <T> Builder port(Class<T> type, T impl) {
            this.ports = ports.with(type, impl);
            return this;
        }

        /**
         * The host's keys that seal each brain's evidence (audit head, last commit, behaviour hash) with
         * an HMAC-SHA256; without them a brain is unsealed, and whoever can write its folder and history
         * can rewrite both consistently. A sealed brain refuses to open without its key, and a brain
         * whose host has a key refuses a missing seal. Keep the key outside the brain.
         */
        public Builder sealKeys(SealKeys value) {
            this.sealKeys = Objects.requireNonNull(value, "sealKeys");
            return this;
        }

        /**
         * Says the brain was just restored onto this host from {@code source} (its remote's URL or a
         * bundle). Such a brain holds its committed history only and no record of its head; on
         * {@code build()} its history is checked (audit chain, HEAD's trailer against the log, every
         * commit recorded, behaviour.avl explained) and, when sound, adopted: a {@code brain.restored}
         * audit entry and a head record sealed under this host's key. A history that does not check
         * out freezes the brain (STATE_DR) with the reasons. A brain that has a head record is left alone.
         */
        public Builder restoredFrom(String source) {
            this.restoredFrom = Objects.requireNonNull(source, "source");
            return this;
        }

        public Builder resolver(QuestionKind kind, QuestionResolver value) {
            if (resolvers.putIfAbsent(kind, Objects.requireNonNull(value, "resolver")) != null) {
                throw new IllegalArgumentException("a resolver for " + kind + " is already set");
            }
            return this;
        }

        /**
         * Builds and opens Avalon: a new brain gets the default behaviour.avl. Opening checks the brain's
         * evidence (audit chain, sealed head record, the branch's commits, behaviour.avl against the audit
         * log) and freezes a tampered brain or marks it inconsistent, with a CRITICAL alert.
         *
         * @throws IllegalStateException naming every missing required port, or when the brain is sealed
         *                               and {@link #sealKeys} gives no key for it
         */
        public Avalon build() {
            List<String> missing = new ArrayList<>();
            if (brain == null) {
                missing.add("brain (BrainStore)");
            }
            if (clock == null) {
                missing.add("clock (java.time.Clock)");
            }
            if (alerts == null) {
                missing.add("alerts (AlertSink)");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("Avalon needs: " + String.join(", ", missing));
            }
            IdSource idSource = ids != null ? ids : Builder::randomId;
            Kernel kernel = new Kernel(new Kernel.Config(brain, clock, zone, alerts, idSource, limits, rateLimit,
                    highRiskRateLimit, questionTtl, listeners, actions, preconditions, resolvers, features, ports,
                    interceptors, defaultFeatures, sealKeys, restoredFrom));
            return new Avalon(kernel, brain, caller, clock);
        }
    }
}
