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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client side of {@link ApiBench}, run as its own process so that its threads and garbage do
 * not share a JVM with the server. Closed loop: {@code clients} threads each send a request, wait
 * for the whole response, then send the next; each scenario runs alone, first {@code warmup}
 * requests untimed, then {@code requests} timed ones, paths drawn (seeded) from the scenario's list.
 *
 * <p>Usage: {@code ApiLoadGenerator BASE_URL PATHS_FILE CLIENTS WARMUP REQUESTS SEED}; PATHS_FILE
 * has lines {@code scenario<TAB>/path?query}. Prints one line per scenario:
 * {@code RESULT scenario requests errors p50_ms p90_ms p99_ms max_ms requests_per_s}.
 */
public final class ApiLoadGenerator {
    private ApiLoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            throw new IllegalArgumentException("usage: ApiLoadGenerator BASE_URL PATHS_FILE CLIENTS WARMUP REQUESTS SEED");
        }
        String base = args[0];
        Map<String, List<String>> scenarios = readPaths(Path.of(args[1]));
        int clients = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int requests = Integer.parseInt(args[4]);
        long seed = Long.parseLong(args[5]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            SplittableRandom random = new SplittableRandom(seed);
            for (Map.Entry<String, List<String>> s : scenarios.entrySet()) {
                run(http, pool, base, s.getValue(), clients, warmup, random.split());
                Result r = run(http, pool, base, s.getValue(), clients, requests, random.split());
                System.out.println(String.format(Locale.ROOT, "RESULT %s %d %d %.2f %.2f %.2f %.2f %.1f", s.getKey(),
                        r.latenciesMs.length, r.errors, percentile(r.latenciesMs, 50), percentile(r.latenciesMs, 90),
                        percentile(r.latenciesMs, 99), r.latenciesMs[r.latenciesMs.length - 1],
                        r.latenciesMs.length / r.wallSeconds));
                if (r.firstError != null) {
                    System.out.println("ERROR " + s.getKey() + " " + r.firstError);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private record Result(double[] latenciesMs, int errors, double wallSeconds, String firstError) {
    }

    private static Result run(HttpClient http, ExecutorService pool, String base, List<String> paths, int clients,
                              int total, SplittableRandom random) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        double[] latencies = new double[total];
        String[] firstError = new String[1];
        List<Future<?>> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            SplittableRandom mine = random.split();
            running.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < total; ) {
                    String path = paths.get(mine.nextInt(paths.size()));
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).build();
                    long t = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        latencies[i] = (System.nanoTime() - t) / 1e6;
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                            synchronized (firstError) {
                                if (firstError[0] == null) {
                                    firstError[0] = response.statusCode() + " " + path + " " + new String(response.body());
                                }
                            }
                        }
                    } catch (IOException | InterruptedException e) {
                        latencies[i] = (System.nanoTime() - t) / 1e6;
                        errors.incrementAndGet();
                        synchronized (firstError) {
                            if (firstError[0] == null) {
                                firstError[0] = e + " " + path;
                            }
                        }
                        if (e instanceof InterruptedException) {
                            return;
                        }
                    }
                }
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        return new Result(latencies, errors.get(), wall, firstError[0]);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static Map<String, List<String>> readPaths(Path file) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab <= 0) {
                throw new IllegalArgumentException(file + ": line '" + line + "' is not scenario<TAB>path");
            }
            out.computeIfAbsent(line.substring(0, tab), k -> new ArrayList<>()).add(line.substring(tab + 1));
        }
        return out;
    }
}
