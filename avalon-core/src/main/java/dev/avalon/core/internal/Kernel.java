package dev.avalon.core.internal;

import dev.avalon.core.action.ActionCatalog;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.action.ActionInterceptor;
import dev.avalon.core.action.ActionRequest;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.action.Caller;
import dev.avalon.core.action.QuestionResolver;
import dev.avalon.core.alert.AlertFeature;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.backup.BackupFeature;
import dev.avalon.core.brain.BrainValidation;
import dev.avalon.core.event.DomainEventListener;
import dev.avalon.core.event.EventBus;
import dev.avalon.core.event.Subscription;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.governance.CommitGate;
import dev.avalon.core.governance.CommitPrecondition;
import dev.avalon.core.json.Json;
import dev.avalon.core.json.ReadLimits;
import dev.avalon.core.port.AlertSink;
import dev.avalon.core.port.BrainStore;
import dev.avalon.core.port.IdSource;
import dev.avalon.core.port.MonotonicClock;
import dev.avalon.core.port.RestoreResult;
import dev.avalon.core.port.Ports;
import dev.avalon.core.port.SealKeys;
import dev.avalon.core.port.UnsafeBrainPathException;
import dev.avalon.core.question.QuestionKind;
import dev.avalon.core.port.CorruptFileException;
import dev.avalon.core.recovery.RecoveryFeature;
import dev.avalon.core.schedule.ScheduledJob;
import dev.avalon.core.schedule.TickReport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The machinery behind {@code Avalon}, wired once: the envelope parser, the dispatch chain, the
 * scheduler, workflow and delivery drivers, and the recovery of an interrupted commit. One writer at a
 * time: {@link #dispatch} and {@link #tick} are synchronized.
 *
 * <p>The chain, in this order: (1) trace id, then the host's own interceptors, (2) caller scope,
 * (3) rate limit, (4) idempotency, (5) governance state gate with a health probe, (6) schema
 * validation of {@code data} with its input bounds (numbers, dates, names), (7) confirmation of high-risk actions; then the handler and the unit of
 * work ({@link HandlerStep}).
 */
public final class Kernel {

    /** Everything the kernel needs; assembled by {@code Avalon.Builder}. */
    public record Config(BrainStore store, Clock clock, ZoneId zone, AlertSink alerts, IdSource ids,
                         ReadLimits limits, int rateLimitPerMinute, int highRiskRateLimitPerMinute,
                         Duration questionTtl, List<DomainEventListener> listeners,
                         List<ActionDefinition> extraActions, List<CommitPrecondition> commitPreconditions,
                         Map<QuestionKind, QuestionResolver> extraResolvers, List<Feature> features,
                         Ports ports, List<ActionInterceptor> interceptors, boolean defaultFeatures,
                         SealKeys sealKeys, String restoredFrom) {
    }

    private final Clock clock;
    private final IdSource ids;
    private final Brain brain;
    private final EnvelopeParser parser;
    private final ActionCatalog catalog;
    private final Dispatcher dispatcher;
    private final SchedulerDriver scheduler;
    private final CommitRecovery recovery;
    private final HealthProbe health;
    private final EventBus events = new EventBus();
    private final AutomationDriver automations;
    private final EventReactions reactions;
    private final DeliveryDriver deliveries;

    public Kernel(Config config) {
        this.clock = config.clock();
        this.ids = config.ids();
        this.brain = new Brain(config.store());
        this.parser = new EnvelopeParser(config.limits());
        ContextFactory contexts = new ContextFactory(brain, clock, config.zone(), ids, config.ports(),
                config.questionTtl());
        ConsentFactory consents = new ConsentFactory(ids, config.questionTtl());
        Evidence evidence = new Evidence(brain, config.sealKeys());
        for (DomainEventListener listener : config.listeners()) {
            events.subscribe(Subscription.of("listener", "**", listener));
        }
        // every alert is kept in the brain before it reaches the host
        AlertSink alerts = new AlertRecorder(brain, config.store(), config.alerts());
        UnitOfWork unitOfWork = new UnitOfWork(brain, config.store(), alerts, events, config.zone(),
                consents, evidence);
        this.health = new HealthProbe(brain, unitOfWork, evidence);

        List<Feature> engines = new ArrayList<>(config.defaultFeatures() ? DefaultFeatures.all() : List.of());
        engines.addAll(config.features());
        List<CommitPrecondition> preconditions = new ArrayList<>(config.commitPreconditions());
        engines.forEach(f -> preconditions.addAll(f.commitPreconditions()));
        PatchFlow patches = new PatchFlow(consents, config.questionTtl(), engines);
        ConsentFlow consentFlow = new ConsentFlow(new CommitGate(preconditions), consents, engines, patches, evidence);
        QuestionFeature questions = new QuestionFeature();
        BrainValidation validation = new BrainValidation();
        List<Feature> features = new ArrayList<>(List.of(
                new SystemFeature(this::catalog, validation, this::tickAt, evidence, this::jobs),
                new GovernanceFeature(patches, consentFlow), questions, new AuditFeature(evidence), new AlertFeature()));
        features.addAll(engines);
        // a backup's scratch brain and a safe version's tree are checked as brains of their own, by the same
        // validators bound to them
        List<Feature> validating = features;
        if (config.defaultFeatures()) {
            features.add(new BackupFeature(scratch -> {
                BrainValidation v = new BrainValidation();
                validating.forEach(f -> f.validators(scratch, config.ports()).forEach(v::with));
                return v;
            }, config.ports()));
        }
        features.add(new RecoveryFeature(new Checkup(brain, validation, evidence), other -> {
            BrainValidation v = new BrainValidation();
            validating.forEach(f -> f.validators(other, config.ports()).forEach(v::with));
            return v;
        }, () -> keptAside(config.store()), validating, patches::reaskLost));

        List<ActionDefinition> actions = new ArrayList<>();
        List<ScheduledJob> jobs = new ArrayList<>();
        for (Feature feature : features) {
            actions.addAll(feature.actions());
            feature.resolvers().forEach(questions::register);
            for (ScheduledJob job : feature.jobs()) {
                if (jobs.stream().anyMatch(j -> j.name().equals(job.name()))) {
                    throw new IllegalArgumentException("job " + job.name() + " is registered twice");
                }
                jobs.add(job);
            }
            feature.validators(brain, config.ports()).forEach(validation::with);
        }
        ScheduledJob expiry = questions.expiryJob();
        if (jobs.stream().anyMatch(j -> j.name().equals(expiry.name()))) {
            throw new IllegalArgumentException("job " + expiry.name() + " is the kernel's own");
        }
        jobs.add(expiry);
        actions.addAll(config.extraActions());
        config.extraResolvers().forEach(questions::register);
        Vocabulary.of(features).requireKnownKinds(questions.resolvedKinds());
        this.catalog = new ActionCatalog(actions);

        WorkflowDriver workflows = new WorkflowDriver(features, unitOfWork, contexts, health, alerts);
        this.deliveries = new DeliveryDriver(features, unitOfWork, contexts);
        this.scheduler = new SchedulerDriver(jobs, brain, config.zone(), unitOfWork, contexts, health, workflows,
                deliveries);
        Receipts receipts = new Receipts(brain, config.zone());
        MonotonicClock time = config.ports().find(MonotonicClock.class).orElse(MonotonicClock.SYSTEM);
        List<ActionInterceptor> chain = new ArrayList<>();
        chain.add(new TraceIdInterceptor(ids));
        chain.add(new NullAsAbsentInterceptor());
        chain.addAll(config.interceptors());
        chain.add(new CallerScopeInterceptor());
        chain.add(new RateLimitInterceptor(time, config.rateLimitPerMinute(), config.highRiskRateLimitPerMinute()));
        chain.add(new IdempotencyInterceptor(receipts));
        chain.add(new GovernanceGateInterceptor(brain, health, clock));
        chain.add(new SchemaValidationInterceptor(actions));
        chain.add(new ConfirmationInterceptor());
        this.dispatcher = new Dispatcher(catalog, chain,
                new HandlerStep(clock, time, contexts, unitOfWork, workflows, deliveries, receipts), ids, health);
        this.recovery = new CommitRecovery(brain, unitOfWork, consentFlow, consents, contexts);
        this.automations = new AutomationDriver(brain, config.zone(), config.ports(), alerts, ids, unitOfWork,
                (request, caller) -> dispatcher.dispatch(request, caller, clock.instant()), contexts, health);
        events.subscribe(automations.subscription());
        this.reactions = new EventReactions(features, unitOfWork, contexts, health, alerts, ids);
        events.subscribe(reactions.subscription());

        Instant now = clock.instant();
        boolean fresh = Bootstrap.initializeIfNew(brain, unitOfWork, now);
        if (brain.recordedHead().sealed() && evidence.key().isEmpty()) {
            // writing without the key would drop the seal, and the key's holder would then find a brain
            // that looks tampered with: refuse to open rather than damage the evidence
            throw new IllegalStateException("this brain is sealed (state/audit-head.json) and no key was given"
                    + " for it: open it with the key of the host that sealed it");
        }
        if (fresh ? evidence.key().isPresent() : evidence.fromBeforeSealing()) {
            // a new brain, or one from before sealing, on a host with a key: sealed now, once
            unitOfWork.sealFirstTime(now);
        }
        if (config.restoredFrom() != null) {
            adoptRestored(config.restoredFrom(), evidence, unitOfWork, now);
        }
        try {
            recovery.resume(now);
        } catch (CorruptFileException e) {
            // the journal stays; the probe below freezes the brain naming the file, and recovery takes it on
        }
        health.probeFully(now, ids.next("T"));
        // what a stopped process queued and did not deliver goes out now, under the same keys
        String traceId = ids.next("T");
        deliveries.deliver(new UnitOfWork.Applied(Json.object(), List.of(), List.of()), now, "avalon", traceId);
    }

    /**
     * A brain restored from its remote or a bundle has no record of its head: adopted when its history
     * checks out, frozen with the reasons when it does not. A brain that has a record is left alone.
     */
    private void adoptRestored(String source, Evidence evidence, UnitOfWork unitOfWork, Instant now) {
        if (brain.recordedHead().tracked() || brain.lastAuditLine().isEmpty()) {
            return;
        }
        List<Evidence.Finding> found = evidence.restored();
        if (found.isEmpty()) {
            com.fasterxml.jackson.databind.node.ObjectNode data = Json.object();
            // a URL's user and password are not for the audit log
            data.put("source", source.replaceAll("://[^/@]*@", "://"));
            data.put("commitSHA", brain.store().head().orElseThrow().sha());
            data.put("sealed", evidence.key().isPresent());
            unitOfWork.adoptRestored(now, data);
        } else {
            unitOfWork.freeze("RESTORE_UNVERIFIED", "The brain restored from " + source.replaceAll("://[^/@]*@", "://")
                    + " does not check out: "
                    + found.stream().map(Evidence.Finding::toString).collect(java.util.stream.Collectors.joining("; ")),
                    now, "avalon", ids.next("T"));
        }
    }

    public ActionCatalog catalog() {
        return catalog;
    }

    /** The event bus of this brain. */
    public EventBus events() {
        return events;
    }

    /** Every job the features registered, for the scheduler. */
    public List<ScheduledJob> jobs() {
        return scheduler.jobs();
    }

    public Brain brain() {
        return brain;
    }

    /** Runs the jobs due now (see {@code Scheduler}); none while the brain is frozen. */
    public synchronized TickReport tick() {
        return brain.duringDispatch(() -> {
            TickReport report = tickAt(clock.instant());
            runAutomations();
            return report;
        });
    }

    private TickReport tickAt(Instant now) {
        try {
            recovery.resume(now);
            TickReport report = scheduler.tick(now);
            automations.check(now);
            return report;
        } catch (UnsafeBrainPathException e) {
            // a link planted in the brain: reported (and frozen for, where governed files live), no job runs
            health.refusal(e, now, ids.next("T"));
            return new TickReport(now, List.of(), Optional.of("BRAIN_PATH_UNSAFE: " + e.path()));
        }
    }

    /**
     * The features' answers to the last unit's events, then what those events trigger, in rounds until
     * nothing is left (each drain caps itself); what they queued for the world outside goes out.
     */
    private void runAutomations() {
        Instant now = clock.instant();
        int done = 0;
        for (int round = 0; round < MAX_REACTION_ROUNDS; round++) {
            int units = reactions.drain(now) + automations.drain(now);
            if (units == 0) {
                break;
            }
            done += units;
        }
        if (done > 0) {
            deliveries.deliver(new UnitOfWork.Applied(Json.object(), List.of(), List.of()), now, "avalon", ids.next("T"));
        }
    }

    /** Rounds of feature reactions and automation runs after one action or tick. */
    private static final int MAX_REACTION_ROUNDS = 8;

    /** A SAFE_RESTORE's side ref; the store's caches are told, though the files stay as they are. */
    private RestoreResult keptAside(BrainStore store) {
        try {
            return store.keepAside();
        } finally {
            brain.changed();
        }
    }

    public synchronized ActionResult dispatch(byte[] utf8, Caller caller) {
        Instant start = clock.instant();
        EnvelopeParser.Parsed parsed = parser.parse(utf8);
        if (parsed.error() != null) {
            return new ActionResult.Rejected(parsed.actionName(), ids.next("T"), parsed.error());
        }
        return dispatch(parsed.request(), caller, start);
    }

    public synchronized ActionResult dispatch(ActionRequest request, Caller caller) {
        return dispatch(request, caller, clock.instant());
    }

    private ActionResult dispatch(ActionRequest request, Caller caller, Instant start) {
        return brain.duringDispatch(() -> {
            if (recovery.due()) {
                recovery.resume(start);
            }
            ActionResult result = dispatcher.dispatch(request, caller, start);
            // what the action's events trigger runs now, each run an action of its own
            runAutomations();
            return result;
        });
    }
}
