package dev.avalon.core.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The commands, {@code state/commands.json}, oldest first. Immutable: every change returns a new queue
 * with the moves it made, which the feature audits. At most {@link #MAX_FINISHED} finished commands are
 * kept, the oldest dropped first; a line whose finished command was dropped would be queued again.
 *
 * <p>Leases are checked against the instant a caller passes, never a clock: a command PROCESSING with
 * {@code leaseUntil <= now} has lost its lease and goes back to PENDING, or to FAILED once it was
 * delivered {@code maxAttempts} times.
 */
public final class CommandQueue {

    /** Where the queue lives. */
    public static final BrainPath FILE = BrainPath.of("state/commands.json");

    /** Finished commands kept at most. */
    public static final int MAX_FINISHED = 1000;

    /** An empty queue. */
    public static final CommandQueue EMPTY = new CommandQueue(List.of());

    private final List<Command> commands;

    private CommandQueue(List<Command> commands) {
        this.commands = List.copyOf(commands);
    }

    /** A queue of {@code commands}, oldest first. */
    public static CommandQueue of(List<Command> commands) {
        return new CommandQueue(commands);
    }

    /** The queue kept in {@code brain}. */
    public static CommandQueue load(Brain brain) {
        return brain.readParsed(FILE, CommandQueue.class, CommandQueue::fromJson).orElse(EMPTY);
    }

    static CommandQueue fromJson(JsonNode n) {
        List<Command> list = new ArrayList<>();
        n.path("commands").forEach(c -> list.add(Command.fromJson(c)));
        return new CommandQueue(list);
    }

    /** As kept in the brain. */
    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        ArrayNode list = n.putArray("commands");
        commands.forEach(c -> list.add(c.toJson()));
        return n;
    }

    /** Every command, oldest first. */
    public List<Command> all() {
        return commands;
    }

    /** The command {@code id}. */
    public Optional<Command> find(String id) {
        return commands.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The command queued under {@code idempotencyKey}. */
    public Optional<Command> byKey(String idempotencyKey) {
        return commands.stream().filter(c -> c.idempotencyKey().equals(idempotencyKey)).findFirst();
    }

    /** This queue with {@code command} added at the end, or in its place when its id is here. */
    public CommandQueue with(Command command) {
        List<Command> next = new ArrayList<>(commands);
        int at = indexOf(command.id());
        if (at >= 0) {
            next.set(at, command);
        } else {
            next.add(command);
        }
        long finished = next.stream().filter(c -> c.state().finished()).count();
        for (int i = 0; i < next.size() && finished > MAX_FINISHED; ) {
            if (next.get(i).state().finished()) {
                next.remove(i);
                finished--;
            } else {
                i++;
            }
        }
        return new CommandQueue(next);
    }

    private int indexOf(String id) {
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * One move a change made.
     *
     * @param command the command after the move
     * @param from    where it was
     * @param kind    the audit record it stands for: {@code command.processing}, {@code command.lease_expired} …
     */
    public record Move(Command command, CommandState from, String kind) {
        public Move {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * A queue after a change and the moves that made it.
     *
     * @param queue the queue after
     * @param moves in the order made
     */
    public record Step(CommandQueue queue, List<Move> moves) {
        public Step {
            Objects.requireNonNull(queue, "queue");
            moves = List.copyOf(moves);
        }
    }

    /**
     * Every lease that ran out by {@code now} taken back: the command is PENDING again, or FAILED when
     * it was delivered {@code maxAttempts} times. Each is a {@code command.lease_expired} move, and a
     * failed one a {@code command.failed} move as well.
     */
    public Step expire(Instant now, int maxAttempts) {
        CommandQueue q = this;
        List<Move> moves = new ArrayList<>();
        for (Command c : commands) {
            if (!c.leaseExpired(now)) {
                continue;
            }
            boolean spent = c.attempts() >= maxAttempts;
            Command next = c.moved(spent ? CommandState.FAILED : CommandState.PENDING, null, c.attempts(), null,
                    "the lease ran out after attempt " + c.attempts() + (spent ? "; no attempts left" : ""), now);
            q = q.with(next);
            moves.add(new Move(next, c.state(), "command.lease_expired"));
            if (spent) {
                moves.add(new Move(next, c.state(), "command.failed"));
            }
        }
        return new Step(q, moves);
    }

    /**
     * A poll by {@code system}: expired leases taken back first ({@link #expire}), then up to {@code max}
     * of its PENDING commands, oldest first, leased until {@code now + lease} (PROCESSING, one more
     * attempt each).
     */
    public Step poll(String system, int max, Duration lease, Instant now, int maxAttempts) {
        Step expired = expire(now, maxAttempts);
        CommandQueue q = expired.queue();
        List<Move> moves = new ArrayList<>(expired.moves());
        int taken = 0;
        for (Command c : q.all()) {
            if (taken >= max) {
                break;
            }
            if (c.system().equals(system) && c.state() == CommandState.PENDING) {
                Command next = c.moved(CommandState.PROCESSING, now.plus(lease), c.attempts() + 1, null, c.error(), now);
                q = q.with(next);
                moves.add(new Move(next, c.state(), "command.processing"));
                taken++;
            }
        }
        return new Step(q, moves);
    }

    /** The commands leased by {@code moves}' poll, in order. */
    public static List<Command> leased(List<Move> moves) {
        return moves.stream().filter(m -> m.kind().equals("command.processing")).map(Move::command).toList();
    }
}
