package org.ftgan.api.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The Java client of {@link ApiBench}, used when wrk is not installed and for the open-loop
 * figure; run as its own process so that its threads and garbage do not share a JVM with the
 * server. Runs ONE scenario: first {@code warmup} seconds untimed, then {@code seconds} timed.
 *
 * <ul>
 * <li>{@code rate = 0}, closed loop: {@code clients} threads each send a request, read the whole
 *     response, then send the next; latency is from send to last byte.</li>
 * <li>{@code rate > 0}, open loop: request i is due at start + i / rate whatever came back; the
 *     {@code clients} threads take requests in order and send each when due, so a slow server
 *     makes requests late, and latency counts from when the request was DUE (a late send is
 *     waiting the client would have seen).</li>
 * </ul>
 *
 * <p>Usage: {@code ApiLoadGenerator BASE_URL PATHS_FILE CLIENTS WARMUP_S SECONDS RATE SEED};
 * PATHS_FILE has one {@code /path?query} a line, drawn from at random (seeded). Prints
 * {@code RESULT requests errors p50_ms p90_ms p99_ms max_ms requests_per_s}, and
 * {@code ERROR <first failure>} if any request failed.
 */
public final class ApiLoadGenerator {
    private ApiLoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            throw new IllegalArgumentException("usage: ApiLoadGenerator BASE_URL PATHS_FILE CLIENTS WARMUP_S SECONDS RATE SEED");
        }
        String base = args[0];
        List<String> paths = Files.readAllLines(Path.of(args[1])).stream().filter(l -> !l.isBlank()).toList();
        if (paths.isEmpty()) {
            throw new IllegalArgumentException(args[1] + ": no paths");
        }
        int clients = Integer.parseInt(args[2]);
        double warmup = Double.parseDouble(args[3]);
        double seconds = Double.parseDouble(args[4]);
        double rate = Double.parseDouble(args[5]);
        SplittableRandom random = new SplittableRandom(Long.parseLong(args[6]));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            if (warmup > 0) {
                run(http, pool, base, paths, clients, warmup, rate, random.split());
            }
            Result r = run(http, pool, base, paths, clients, seconds, rate, random.split());
            double[] l = r.latenciesMs;
            System.out.println(String.format(Locale.ROOT, "RESULT %d %d %.2f %.2f %.2f %.2f %.1f", l.length, r.errors,
                    percentile(l, 50), percentile(l, 90), percentile(l, 99), l.length == 0 ? 0.0 : l[l.length - 1],
                    l.length / r.wallSeconds));
            if (r.firstError != null) {
                System.out.println("ERROR " + r.firstError);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private record Result(double[] latenciesMs, int errors, double wallSeconds, String firstError) {
    }

    /** One client's measurements; merged after the run. */
    private static final class Client {
        double[] latencies = new double[1024];
        int count;
        int errors;
        String firstError;

        void add(double ms) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = ms;
        }
    }

    private static Result run(HttpClient http, ExecutorService pool, String base, List<String> paths, int clients,
                              double seconds, double rate, SplittableRandom random) throws Exception {
        AtomicLong next = new AtomicLong();
        List<Client> measured = new ArrayList<>();
        List<Future<?>> running = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        double interval = rate > 0 ? 1e9 / rate : 0;
        for (int c = 0; c < clients; c++) {
            SplittableRandom mine = random.split();
            Client client = new Client();
            measured.add(client);
            running.add(pool.submit(() -> {
                while (true) {
                    long due;
                    if (rate > 0) {
                        due = start + (long) (next.getAndIncrement() * interval);
                        if (due >= end) {
                            return;
                        }
                        for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                            LockSupport.parkNanos(wait);
                        }
                    } else {
                        due = System.nanoTime();
                        if (due >= end) {
                            return;
                        }
                    }
                    String path = paths.get(mine.nextInt(paths.size()));
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).build();
                    String failure = null;
                    try {
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            failure = response.statusCode() + " " + path + " " + new String(response.body());
                        }
                    } catch (IOException e) {
                        failure = e + " " + path;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    client.add((System.nanoTime() - due) / 1e6);
                    if (failure != null) {
                        client.errors++;
                        if (client.firstError == null) {
                            client.firstError = failure;
                        }
                    }
                }
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        int total = measured.stream().mapToInt(c -> c.count).sum();
        double[] latencies = new double[total];
        int at = 0;
        int errors = 0;
        String firstError = null;
        for (Client c : measured) {
            System.arraycopy(c.latencies, 0, latencies, at, c.count);
            at += c.count;
            errors += c.errors;
            firstError = firstError != null ? firstError : c.firstError;
        }
        Arrays.sort(latencies);
        return new Result(latencies, errors, wall, firstError);
    }

    /** Nearest-rank percentile of sorted values (0 for none). */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
