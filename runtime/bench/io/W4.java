import static jaio.Async.*;

import jaio.http.ClientSession;
import jaio.Coroutine;
import jaio.Ssl;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * W4 gather-downloads: 100 concurrent downloads of 100 KB from a server that answers after 200 ms,
 * then 5 sequential ones. Usage: java W4.java (jaio|jdk|jaio-jdk) URL [rounds]; for an https URL
 * the environment variable W4_CAFILE names the server's certificate (PEM), which every client trusts
 * (jaio through {@code Ssl.createDefaultContext(cafile)}, the JDK's clients through a JDK context).
 * Prints: first batch (cold, in a fresh JVM), best later batch, 5 sequential, and the process's CPU
 * time during the first batch (all threads: the JIT's included); seconds.
 */
public class W4 {
    static final int N = 100;

    public static void main(String[] args) {
        String mode = args[0];
        String url = args[1];
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        double[] batches = new double[rounds];
        double[] coldCpu = new double[1];
        double seq;
        // The first call initializes the management beans (about 60 classes, cgroup files read with
        // regular expressions): 30-50 ms that belong to the benchmark, not to the client it times
        // (asyncio's time.process_time() costs nothing), so it is made before the first batch.
        processCpuNanos();
        String cafile = System.getenv("W4_CAFILE");
        // jaio's own contexts (jaio.Ssl: the native engine when it runs, see -Djaio.tls); the JDK's clients keep the JDK's TLS.
        SSLContext tls = cafile == null || cafile.isEmpty() ? null : mode.equals("jaio") ? Ssl.createDefaultContext(Path.of(cafile)) : trustingCaFile(cafile);
        switch (mode) {
            case "jaio" -> {
                double[] r = run(async(() -> {
                    double[] out = new double[rounds + 1];
                    try (var session = new ClientSession().ssl(tls)) {
                        for (int k = 0; k < rounds; k++) {
                            long t0 = System.nanoTime();
                            long c0 = processCpuNanos();
                            List<Coroutine<Integer>> fetches = new ArrayList<>();
                            for (int i = 0; i < N; i++) {
                                fetches.add(async(() -> {
                                    try (var resp = await(session.get(url))) {
                                        return await(resp.read()).length;
                                    }
                                }));
                            }
                            check(await(gather(fetches)));
                            out[k] = (System.nanoTime() - t0) / 1e9;
                            if (k == 0) {
                                coldCpu[0] = (processCpuNanos() - c0) / 1e9;
                            }
                        }
                        long t0 = System.nanoTime();
                        for (int i = 0; i < 5; i++) {
                            try (var resp = await(session.get(url))) {
                                check(List.of(await(resp.read()).length));
                            }
                        }
                        out[rounds] = (System.nanoTime() - t0) / 1e9;
                    }
                    return out;
                }));
                System.arraycopy(r, 0, batches, 0, rounds);
                seq = r[rounds];
            }
            case "jdk" -> {
                HttpClient client = jdkClient(tls);
                HttpRequest req = HttpRequest.newBuilder(URI.create(url)).build();
                for (int k = 0; k < rounds; k++) {
                    long t0 = System.nanoTime();
                    long c0 = processCpuNanos();
                    List<CompletableFuture<HttpResponse<byte[]>>> fs = new ArrayList<>();
                    for (int i = 0; i < N; i++) {
                        fs.add(client.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray()));
                    }
                    CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).join();
                    check(fs.stream().map(f -> f.join().body().length).toList());
                    batches[k] = (System.nanoTime() - t0) / 1e9;
                    if (k == 0) {
                        coldCpu[0] = (processCpuNanos() - c0) / 1e9;
                    }
                }
                long t0 = System.nanoTime();
                for (int i = 0; i < 5; i++) {
                    try {
                        check(List.of(client.send(req, HttpResponse.BodyHandlers.ofByteArray()).body().length));
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }
                seq = (System.nanoTime() - t0) / 1e9;
            }
            case "jaio-jdk" -> {
                double[] r = run(async(() -> {
                    double[] out = new double[rounds + 1];
                    HttpClient client = jdkClient(tls);
                    HttpRequest req = HttpRequest.newBuilder(URI.create(url)).build();
                    for (int k = 0; k < rounds; k++) {
                        long t0 = System.nanoTime();
                        long c0 = processCpuNanos();
                        List<Coroutine<Integer>> fetches = new ArrayList<>();
                        for (int i = 0; i < N; i++) {
                            fetches.add(async(() -> await(client.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray())).body().length));
                        }
                        check(await(gather(fetches)));
                        out[k] = (System.nanoTime() - t0) / 1e9;
                        if (k == 0) {
                            coldCpu[0] = (processCpuNanos() - c0) / 1e9;
                        }
                    }
                    long t0 = System.nanoTime();
                    for (int i = 0; i < 5; i++) {
                        check(List.of(await(client.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray())).body().length));
                    }
                    out[rounds] = (System.nanoTime() - t0) / 1e9;
                    return out;
                }));
                System.arraycopy(r, 0, batches, 0, rounds);
                seq = r[rounds];
            }
            default -> throw new IllegalArgumentException(mode);
        }
        double best = Double.MAX_VALUE;
        for (int k = 1; k < rounds; k++) {
            best = Math.min(best, batches[k]);
        }
        System.out.printf("%s %.3f %.3f %.3f %.3f%n", mode, batches[0], best, seq, coldCpu[0]);
    }

    /** CPU time of the whole process so far (every thread, the JIT compilers and GC included). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static HttpClient jdkClient(SSLContext tls) {
        HttpClient.Builder b = HttpClient.newBuilder();
        return (tls != null ? b.sslContext(tls) : b).build();
    }

    /** A JDK TLS context trusting the PEM certificate in {@code path}. */
    static SSLContext trustingCaFile(String path) {
        try (var in = Files.newInputStream(Path.of(path))) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the CA file " + path + ": " + e, e);
        }
    }

    static void check(List<Integer> sizes) {
        for (int s : sizes) {
            if (s != 102400) {
                throw new IllegalStateException("got " + s + " bytes");
            }
        }
    }
}
