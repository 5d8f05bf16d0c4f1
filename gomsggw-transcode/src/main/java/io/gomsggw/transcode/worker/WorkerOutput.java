package io.gomsggw.transcode.worker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Forwards a worker's standard error to the gateway's log, line by line, with the worker's id. A
 * line that starts with a level ({@code WARN  io.gomsggw… - …}, as the worker's Logback writes
 * them) is logged at that level without it, except what FFmpeg and Humble Video say about the
 * media they read (loggers {@code org.ffmpeg} and {@code io.humble}: an error line per broken
 * packet of a hostile file), which goes at debug, since the gateway logs one line per refusal;
 * any other line (the JVM) at info. Lines are cut at {@value #MAX_LINE} characters, so a worker
 * printing without newlines cannot make the gateway buffer without bound.
 */
final class WorkerOutput implements Runnable {
    static final int MAX_LINE = 4096;
    private static final List<String> MEDIA_LOGGERS = List.of("org.ffmpeg ", "io.humble.");
    private static final Logger log = LoggerFactory.getLogger(WorkerOutput.class);

    private final InputStream stream;
    private final int worker;

    WorkerOutput(InputStream stream, int worker) {
        this.stream = stream;
        this.worker = worker;
    }

    @Override
    public void run() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int b = stream.read(); b >= 0; b = stream.read()) {
                if (b == '\n') {
                    emit(line);
                } else if (b != '\r') {
                    line.write(b);
                    if (line.size() >= MAX_LINE) emit(line);
                }
            }
        } catch (IOException e) {
            // the worker is gone; what it printed last is already logged
        }
        emit(line);
    }

    /** Logs what the stream had instead of a frame (a crash report, say), line by line. */
    void forward(String text) {
        for (String line : text.split("\r?\n")) {
            if (!line.isBlank()) log(line);
        }
    }

    private void emit(ByteArrayOutputStream line) {
        if (line.size() > 0) log(line.toString(StandardCharsets.UTF_8));
        line.reset();
    }

    private void log(String line) {
        Level level = Level.INFO;
        String text = line;
        for (Level l : Level.values()) {
            String name = l.name();
            if (line.startsWith(name) && line.length() > name.length() && line.charAt(name.length()) == ' ') {
                text = line.substring(name.length()).stripLeading();
                level = MEDIA_LOGGERS.stream().anyMatch(text::startsWith) ? Level.DEBUG : l;
                break;
            }
        }
        log.atLevel(level).log("worker={} {}", worker, text);
    }
}
