package io.gomsggw.server.goimport;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an import did, or would do in a dry run: per kind of row, how many were imported, were
 * already here or could not be imported; every row that could not be, with the reason; notes on
 * rows imported with a change; and the Go client ids with the ids they have here.
 *
 * <p>Not thread-safe: one import fills it, then prints it.
 */
final class ImportReport {
    /** The kinds of rows, in the order they are imported and printed. */
    enum Kind {
        CARRIERS("carriers"),
        CLIENTS("clients"),
        NUMBERS("numbers"),
        FAILOVERS("failovers"),
        API_KEYS("API keys"),
        USAGE("usage counters"),
        HISTORY("message records");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /** A row that could not be imported. */
    record Refusal(Kind kind, String row, String reason) {}

    /** A row that was imported with a change worth knowing. */
    record Note(String row, String note) {}

    /**
     * A Go client and the id it has here.
     *
     * @param id    the id here; null when it was not imported, or is new in a dry run
     * @param isNew whether this import creates it
     */
    record ClientId(long goId, String username, Long id, boolean isNew) {}

    private final boolean dryRun;
    private final Map<Kind, long[]> counts = new EnumMap<>(Kind.class);
    private final List<Refusal> refusals = new ArrayList<>();
    private final List<Note> notes = new ArrayList<>();
    private final List<ClientId> clientIds = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    ImportReport(boolean dryRun) {
        this.dryRun = dryRun;
        for (Kind kind : Kind.values()) {
            counts.put(kind, new long[3]);
        }
    }

    boolean dryRun() {
        return dryRun;
    }

    void imported(Kind kind) {
        imported(kind, 1);
    }

    void imported(Kind kind, long count) {
        counts.get(kind)[0] += count;
    }

    void present(Kind kind) {
        present(kind, 1);
    }

    void present(Kind kind, long count) {
        counts.get(kind)[1] += count;
    }

    void refused(Kind kind, String row, String reason) {
        refused(kind, row, reason, 1);
    }

    /** {@code count} rows described together as {@code row} could not be imported. */
    void refused(Kind kind, String row, String reason, long count) {
        counts.get(kind)[2] += count;
        refusals.add(new Refusal(kind, row, reason));
    }

    void note(String row, String note) {
        notes.add(new Note(row, note));
    }

    void clientId(long goId, String username, Long id, boolean isNew) {
        clientIds.add(new ClientId(goId, username, id, isNew));
    }

    /** A part of the import that was not run, and why (e.g. history without {@code --with-history}). */
    void skipped(Kind kind, String why) {
        skipped.add(kind.label() + ": " + why);
    }

    long importedCount(Kind kind) {
        return counts.get(kind)[0];
    }

    long presentCount(Kind kind) {
        return counts.get(kind)[1];
    }

    long refusedCount(Kind kind) {
        return counts.get(kind)[2];
    }

    List<Refusal> refusals() {
        return List.copyOf(refusals);
    }

    List<Note> notes() {
        return List.copyOf(notes);
    }

    List<ClientId> clientIds() {
        return List.copyOf(clientIds);
    }

    /** Whether some row could not be imported. */
    boolean hasRefusals() {
        return !refusals.isEmpty();
    }

    /** Prints the table of counts, the client ids, the rows not imported and the notes. */
    void print(PrintStream out) {
        String done = dryRun ? "would import" : "imported";
        out.printf(Locale.ROOT, "%-16s %12s %12s %13s%n", "", done, "already here", "not imported");
        for (Kind kind : Kind.values()) {
            long[] c = counts.get(kind);
            out.printf(Locale.ROOT, "%-16s %,12d %,12d %,13d%n", kind.label(), c[0], c[1], c[2]);
        }
        for (String line : skipped) {
            out.println("  skipped " + line);
        }
        if (!clientIds.isEmpty()) {
            out.println();
            out.println("Client ids (Go id -> id here):");
            for (ClientId client : clientIds) {
                String here = client.id() == null ? (client.isNew() ? "new" : "-") : Long.toString(client.id());
                String remark = client.id() == null && !client.isNew()
                        ? "  (not imported)"
                        : client.isNew() ? "" : "  (already here)";
                out.printf(Locale.ROOT, "  %6d -> %-6s %s%s%n", client.goId(), here, client.username(), remark);
            }
        }
        if (!refusals.isEmpty()) {
            out.println();
            out.println(dryRun ? "Would not be imported:" : "Not imported:");
            for (Refusal refusal : refusals) {
                out.println("  " + refusal.row() + ": " + refusal.reason());
            }
        }
        if (!notes.isEmpty()) {
            out.println();
            out.println("Notes:");
            for (Note note : notes) {
                out.println("  " + note.row() + ": " + note.note());
            }
        }
    }
}
