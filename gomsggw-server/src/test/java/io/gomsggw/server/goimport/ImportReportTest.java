package io.gomsggw.server.goimport;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.server.goimport.ImportReport.Kind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImportReportTest {
    private static String print(ImportReport report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    @Test
    void aDryRunSaysWhatWouldBeImportedAndWhatWouldNotWithTheReasons() {
        ImportReport report = new ImportReport(true);
        report.imported(Kind.CLIENTS);
        report.present(Kind.CLIENTS);
        report.refused(Kind.NUMBERS, "number 4 '555'", "not a phone number: too short");
        report.imported(Kind.HISTORY, 1_234_567);
        report.refused(Kind.HISTORY, "12 message records of client 7 'old'", "the client was not imported", 12);
        report.skipped(Kind.USAGE, "the Go database has no message records to count");
        report.clientId(1, "pbx1", null, true);
        report.clientId(2, "webshop", 2L, false);
        report.clientId(7, "old", null, false);
        report.note("number 2 '2505550101'", "read as +12505550101");

        assertThat(report.hasRefusals()).isTrue();
        assertThat(print(report)).isEqualTo("""
                                 would import already here  not imported
                carriers                    0            0             0
                clients                     1            1             0
                numbers                     0            0             1
                failovers                   0            0             0
                API keys                    0            0             0
                usage counters              0            0             0
                message records     1,234,567            0            12
                  skipped usage counters: the Go database has no message records to count

                Client ids (Go id -> id here):
                       1 -> new    pbx1
                       2 -> 2      webshop  (already here)
                       7 -> -      old  (not imported)

                Would not be imported:
                  number 4 '555': not a phone number: too short
                  12 message records of client 7 'old': the client was not imported

                Notes:
                  number 2 '2505550101': read as +12505550101
                """);
    }

    @Test
    void anImportSaysWhatWasImportedAndPrintsNoEmptySections() {
        ImportReport report = new ImportReport(false);
        report.imported(Kind.CARRIERS, 2);
        report.clientId(3, "shop", 5L, true);

        assertThat(report.hasRefusals()).isFalse();
        assertThat(print(report))
                .startsWith("                     imported already here  not imported\n")
                .contains("carriers                    2            0             0\n")
                .contains("       3 -> 5      shop\n")
                .doesNotContain("Not imported", "Notes", "skipped");
    }
}
