package io.gomsggw.http.webclient;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.gomsggw.core.batch.BatchRow;
import io.gomsggw.core.batch.BatchService;
import io.gomsggw.http.HttpStatusException;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the CSV file of a batch upload with Jackson's CSV parser: RFC 4180 quoting (commas,
 * quotes and line breaks inside quoted fields), LF or CRLF line ends, and what spreadsheets write:
 * a UTF-8 byte order mark is skipped, and a file that is not UTF-8 is read as Windows-1252 (Excel's
 * plain "CSV" on Western systems).
 *
 * <p>The first record is the header; names are matched ignoring case and surrounding blanks:
 * {@code to}, {@code phone}, {@code number} or {@code destination} is the recipient (required),
 * {@code text}, {@code message} or {@code body} the row's own text, and every other column a
 * template variable under its header name. Records whose fields are all blank (a spreadsheet's
 * trailing rows) are skipped; the others become rows, indexed from 0 in file order. More than
 * {@link BatchService#MAX_ROWS} rows is 413; a file that cannot be parsed is 400 with the line.
 */
final class BatchCsv {
    private static final Set<String> TO_COLUMNS = Set.of("to", "phone", "number", "destination");
    private static final Set<String> TEXT_COLUMNS = Set.of("text", "message", "body");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private final ObjectReader reader =
            new CsvMapper().readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY);

    List<BatchRow> read(byte[] file) {
        String text = decode(file);
        List<BatchRow> rows = new ArrayList<>();
        try (MappingIterator<String[]> records = reader.readValues(text)) {
            if (!records.hasNextValue()) {
                throw invalid("the CSV file is empty");
            }
            Header header = Header.of(records.nextValue());
            while (records.hasNextValue()) {
                String[] record = records.nextValue();
                if (isBlank(record)) {
                    continue;
                }
                if (rows.size() == BatchService.MAX_ROWS) {
                    throw tooMany();
                }
                rows.add(header.row(record));
            }
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw invalid("CSV parse error" + (line > 0 ? " on line " + line : "") + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid("CSV parse error: " + e.getMessage());
        }
        if (rows.isEmpty()) {
            throw invalid("the CSV file contains no message rows");
        }
        return rows;
    }

    static HttpStatusException tooMany() {
        return new HttpStatusException(
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "Batch size exceeds maximum of 10,000 messages", null);
    }

    private static String decode(byte[] file) {
        int start = file.length >= 3 && (file[0] & 0xFF) == 0xEF && (file[1] & 0xFF) == 0xBB && (file[2] & 0xFF) == 0xBF
                ? 3
                : 0;
        ByteBuffer bytes = ByteBuffer.wrap(file, start, file.length - start);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(file, start, file.length - start, WINDOWS_1252);
        }
    }

    private static boolean isBlank(String[] record) {
        for (String field : record) {
            if (field != null && !field.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static HttpStatusException invalid(String message) {
        return new HttpStatusException(HttpResponseStatus.BAD_REQUEST, message, "csv");
    }

    /** Which column is which. */
    private record Header(int to, int text, Map<Integer, String> variables) {
        static Header of(String[] names) {
            int to = -1;
            int text = -1;
            Map<Integer, String> variables = new LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                String name = names[i] == null ? "" : names[i].strip();
                String key = name.toLowerCase(Locale.ROOT);
                if (TO_COLUMNS.contains(key) && to < 0) {
                    to = i;
                } else if (TEXT_COLUMNS.contains(key) && text < 0) {
                    text = i;
                } else if (!name.isEmpty()) {
                    variables.put(i, name);
                }
            }
            if (to < 0) {
                throw invalid("the CSV header must have a 'to' (or 'phone', 'number', 'destination') column");
            }
            return new Header(to, text, variables);
        }

        BatchRow row(String[] record) {
            Map<String, String> values = new LinkedHashMap<>();
            variables.forEach((column, name) -> values.put(name, field(record, column)));
            String ownText = text < 0 ? null : field(record, text);
            return new BatchRow(field(record, to), ownText == null || ownText.isBlank() ? null : ownText, values);
        }

        private static String field(String[] record, int column) {
            return column < record.length && record[column] != null ? record[column].strip() : "";
        }
    }
}
