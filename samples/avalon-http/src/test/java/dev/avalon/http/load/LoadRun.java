package dev.avalon.http.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.Caller;
import dev.avalon.tenants.TenantBrains;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded load run: clients, each bound to one tenant, send a mix of logbook writes (each with its own
 * idempotency key, retried with the same key when the connection fails) and reads until the time is up,
 * over HTTP to a started server or, as the baseline, straight to the brains in process. Every
 * acknowledged write is remembered so that the test can prove afterwards that each one is in its brain
 * exactly once.
 */
final class LoadRun {

    /** How a request reaches Avalon. */
    interface Channel {
        Answer send(Client client, String action, ObjectNode data, String idempotencyKey)
                throws IOException, InterruptedException;
    }

    /** What came back: the HTTP status (200 for an in-process answer that is ok) and Avalon's ok. */
    record Answer(int status, boolean ok) {
    }

    /** How hard and how long. */
    record Settings(int clients, int tenants, Duration duration, double writeShare, long seed) {
    }

    /** One client: the key it presents and the tenant that key opens. */
    record Client(String key, String tenant) {
    }

    /** What the run measured. */
    record Report(long requests, long writesAcknowledged, long reads, long refusals, long retries, double seconds,
                  double p50Ms, double p99Ms, double maxMs, Map<Integer, Long> statuses) {
        double throughput() {
            return requests / seconds;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Channel channel;
    private final String label;
    private final LocalDate day;
    /** tenant → activities whose write was acknowledged. */
    private final Map<String, List<String>> acknowledged = new ConcurrentHashMap<>();

    LoadRun(Channel channel, String label, LocalDate day) {
        this.channel = channel;
        this.label = label;
        this.day = day;
    }

    /** Requests over HTTP with the client's bearer key to the server at {@code base}. */
    static Channel overHttp(URI base) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return (client, action, data, idempotencyKey) -> {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/v1/actions/" + action))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + client.key())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(data), StandardCharsets.UTF_8));
            if (idempotencyKey != null) {
                b.header("Idempotency-Key", idempotencyKey);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.statusCode() == 200 && JSON.readTree(r.body()).path("ok").asBoolean());
        };
    }

    /** The baseline: the same envelopes dispatched in process on the tenants' brains, no HTTP. */
    static Channel inProcess(TenantBrains brains, Caller caller) {
        return (client, action, data, idempotencyKey) -> {
            ObjectNode envelope = JSON.createObjectNode().put("action", action);
            envelope.set("data", data);
            if (idempotencyKey != null) {
                envelope.putObject("meta").put("idempotencyKey", idempotencyKey);
            }
            byte[] utf8 = JSON.writeValueAsBytes(envelope);
            boolean ok = brains.with(client.tenant(), a -> a.dispatch(utf8, caller).toJson().path("ok").asBoolean());
            return new Answer(ok ? 200 : 422, ok);
        };
    }

    Map<String, List<String>> acknowledged() {
        return acknowledged;
    }

    Report run(Settings settings, List<Client> clients) throws InterruptedException {
        // every brain is opened by one untimed read first: the run measures open brains, not opening them
        CountDownLatch warm = new CountDownLatch(clients.size());
        CountDownLatch go = new CountDownLatch(1);
        long[] endAt = new long[1];
        AtomicLong requests = new AtomicLong();
        AtomicLong writes = new AtomicLong();
        AtomicLong reads = new AtomicLong();
        AtomicLong refusals = new AtomicLong();
        AtomicLong retries = new AtomicLong();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        List<long[]> latencies = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(clients.size());
        long started = System.nanoTime();
        for (int i = 0; i < clients.size(); i++) {
            Client client = clients.get(i);
            latencies.add(new long[0]);
            Random random = new Random(settings.seed() + i);
            int index = i;
            Thread t = new Thread(() -> {
                try {
                    read(client);
                    warm.countDown();
                    go.await();
                    long end = endAt[0];
                    long seq = 0;
                    List<Long> mine = new ArrayList<>();
                    while (System.nanoTime() < end) {
                        boolean write = random.nextDouble() < settings.writeShare();
                        long t0 = System.nanoTime();
                        int status;
                        if (write) {
                            String activity = "load-" + label + "-" + index + "-" + seq++;
                            Attempt a = writeOnce(client, activity, retries);
                            status = a.status();
                            if (a.acknowledged()) {
                                acknowledged.computeIfAbsent(client.tenant(), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                                        .add(activity);
                                writes.incrementAndGet();
                            }
                        } else {
                            status = read(client);
                            reads.incrementAndGet();
                        }
                        mine.add(System.nanoTime() - t0);
                        requests.incrementAndGet();
                        statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
                        if (status != 200) {
                            refusals.incrementAndGet();
                        }
                    }
                    synchronized (latencies) {
                        latencies.set(index, mine.stream().mapToLong(Long::longValue).toArray());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, "load-client-" + i);
            t.setDaemon(true);
            t.start();
        }
        warm.await();
        started = System.nanoTime();
        endAt[0] = started + settings.duration().toNanos();
        go.countDown();
        done.await();
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        Map<Integer, Long> byStatus = new HashMap<>();
        statuses.forEach((k, v) -> byStatus.put(k, v.get()));
        return new Report(requests.get(), writes.get(), reads.get(), refusals.get(), retries.get(), seconds,
                percentile(all, 0.50), percentile(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6, byStatus);
    }

    private record Attempt(int status, boolean acknowledged) {
    }

    /** One logical write; a connection failure is retried with the same idempotency key, so it lands once. */
    private Attempt writeOnce(Client client, String activity, AtomicLong retries) {
        ObjectNode data = JSON.createObjectNode()
                .put("activiteit", activity).put("domein", "VSB").put("stress", 3).put("motivatie", 7)
                .put("status", "done").put("moveCount", 0).put("date", day.toString());
        String key = "load-" + activity;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                Answer r = channel.send(client, "logbook.add_daily_entry", data, key);
                if (r.ok()) {
                    return new Attempt(200, true);
                }
                if (r.status() >= 500 || r.status() == 429) {
                    retries.incrementAndGet();
                    Thread.sleep(50L << attempt);
                    continue;
                }
                return new Attempt(r.status(), false);
            } catch (IOException e) {
                retries.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Attempt(-1, false);
            }
        }
        return new Attempt(-1, false);
    }

    private int read(Client client) {
        try {
            ObjectNode data = JSON.createObjectNode().put("week", isoWeek(day));
            return channel.send(client, "logbook.week", data, null).status();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static String isoWeek(LocalDate d) {
        return String.format("%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
