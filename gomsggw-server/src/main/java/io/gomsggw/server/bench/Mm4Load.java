package io.gomsggw.server.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Runs {@code bench mm4}: {@code connections} SMTP connections, one thread each, each sending one
 * {@code MM4_forward.REQ} after the other: {@code MAIL}, {@code RCPT} and {@code DATA} pipelined (the server
 * advertises {@code PIPELINING}), then the message and its final dot. The latency of a message runs from
 * writing its {@code MAIL} to reading the reply after its data ({@code 250} once the gateway stored it).
 * Connections are opened before the clock starts; the warm-up is sent but not measured.
 */
final class Mm4Load {
    private static final int PROGRESS_SECONDS = 5;

    /** The measured figures of the run, added up over the connections. */
    record Result(
            long measuredNanos,
            Histogram latency,
            long accepted,
            long tryLater,
            long refused,
            long failed,
            String firstRefusal) {}

    private final Mm4BenchOptions options;
    private final String from;
    private final String to;
    private final Mm4BenchMessage message;
    private final PrintStream out;

    Mm4Load(Mm4BenchOptions options, String from, String to, PrintStream out) {
        this.options = options;
        this.from = from;
        this.to = to;
        this.message = new Mm4BenchMessage(from, to, options.imageBytes());
        this.out = out;
    }

    int jpegBytes() {
        return message.jpegBytes();
    }

    Result run() throws IOException, InterruptedException {
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < options.connections(); i++) {
                connections.add(new Connection(i));
            }
            LongAdder answered = new LongAdder();
            LoadPlan plan = new LoadPlan(System.nanoTime(), options.warmup(), 0, options.stop());
            List<Thread> threads = new ArrayList<>();
            for (Connection connection : connections) {
                Thread thread = new Thread(() -> connection.send(plan, answered), "bench-mm4-" + connection.index);
                thread.start();
                threads.add(thread);
            }
            progress(threads, plan, answered);
            Histogram latency = new Histogram(3);
            long accepted = 0, tryLater = 0, refused = 0, failed = 0, last = plan.measureStartNanos();
            String firstRefusal = null;
            for (Connection c : connections) {
                latency.add(c.latency);
                accepted += c.accepted;
                tryLater += c.tryLater;
                refused += c.refused;
                failed += c.failed;
                last = Math.max(last, c.lastAnswerNanos);
                firstRefusal = firstRefusal != null ? firstRefusal : c.firstRefusal;
            }
            return new Result(
                    last - plan.measureStartNanos(), latency, accepted, tryLater, refused, failed, firstRefusal);
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    private void progress(List<Thread> threads, LoadPlan plan, LongAdder answered) throws InterruptedException {
        long started = System.nanoTime();
        long previous = 0;
        long previousNanos = started;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                thread.join(PROGRESS_SECONDS * 1000L);
                long now = System.nanoTime();
                if (thread.isAlive() && now - previousNanos >= PROGRESS_SECONDS * 1_000_000_000L) {
                    long count = answered.sum();
                    out.printf(
                            Locale.ROOT,
                            "%6.0f s  %-9s %,12d messages  %,10.0f/s%n",
                            (now - started) / 1e9,
                            now < plan.measureStartNanos() ? "warm-up" : "measuring",
                            count,
                            (count - previous) * 1e9 / (now - previousNanos));
                    previous = count;
                    previousNanos = now;
                }
            }
        }
    }

    /** One SMTP connection and what its measured messages got; its fields are read after its thread ended. */
    private final class Connection {
        final int index;
        final Socket socket;
        final BufferedReader in;
        final OutputStream outStream;
        final Histogram latency = new Histogram(3);
        long accepted;
        long tryLater;
        long refused;
        long failed;
        long lastAnswerNanos;
        String firstRefusal;

        Connection(int index) throws IOException {
            this.index = index;
            this.socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(120_000);
            socket.connect(new InetSocketAddress(options.host(), options.port()), 10_000);
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            this.outStream = socket.getOutputStream();
            String greeting = reply();
            if (!greeting.startsWith("220")) {
                socket.close();
                throw new IOException(
                        "the MM4 listener answered '" + greeting + "' (is 127.0.0.1 a legacy client's address?)");
            }
            write("EHLO bench.example.net\r\n");
            String ehlo = reply();
            if (!ehlo.startsWith("250")) {
                socket.close();
                throw new IOException("EHLO answered '" + ehlo + "'");
            }
        }

        void send(LoadPlan plan, LongAdder answered) {
            long sequence = 0;
            try {
                for (LoadPlan.Ticket ticket = plan.next(System.nanoTime());
                        ticket != null;
                        ticket = plan.next(System.nanoTime())) {
                    byte[] data = message.bytes("bench-" + index + "-" + (sequence++) + "-" + System.nanoTime());
                    long start = System.nanoTime();
                    write("MAIL FROM:<" + from + "/TYPE=PLMN@bench.example.net>\r\nRCPT TO:<" + to
                            + "/TYPE=PLMN@gw.example.com>\r\nDATA\r\n");
                    String mail = reply();
                    String rcpt = reply();
                    String data354 = reply();
                    String last;
                    if (data354.startsWith("354")) {
                        outStream.write(data);
                        outStream.flush();
                        last = reply();
                    } else {
                        last = !mail.startsWith("250") ? mail : !rcpt.startsWith("250") ? rcpt : data354;
                    }
                    long now = System.nanoTime();
                    answered.increment();
                    if (ticket.measured()) {
                        record(last, now - start, now);
                    }
                    if (!data354.startsWith("354") || !last.startsWith("250")) {
                        write("RSET\r\n");
                        reply();
                    }
                }
            } catch (IOException e) {
                failed++;
                firstRefusal = firstRefusal != null ? firstRefusal : "connection failed: " + e.getMessage();
            }
        }

        private void record(String reply, long latencyNanos, long now) {
            lastAnswerNanos = now;
            if (reply.startsWith("250")) {
                accepted++;
                latency.recordValue(latencyNanos);
            } else if (reply.startsWith("4")) {
                tryLater++;
                firstRefusal = firstRefusal != null ? firstRefusal : reply;
            } else {
                refused++;
                firstRefusal = firstRefusal != null ? firstRefusal : reply;
            }
        }

        private void write(String text) throws IOException {
            outStream.write(text.getBytes(StandardCharsets.US_ASCII));
            outStream.flush();
        }

        private String reply() throws IOException {
            String line;
            StringBuilder all = new StringBuilder();
            do {
                line = in.readLine();
                if (line == null) {
                    throw new IOException("connection closed");
                }
                all.append(all.length() == 0 ? "" : " / ").append(line);
            } while (line.length() > 3 && line.charAt(3) == '-');
            return all.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // the run is over
            }
        }
    }
}
