package dev.ringside.decoders.uapi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the reference TSVs (copies of /work/shared/uapi) from test resources: optional '#' comment lines, a header row, then data rows. */
public final class UapiTsv {
    private UapiTsv() {
    }

    /** One data row with its 1-based line number in the file, so a failure points at the row. */
    public record Row(int line, List<String> cells) {
        public String cell(int index) {
            return index < cells.size() ? cells.get(index) : "";
        }
    }

    public static List<Row> read(String resource) {
        InputStream in = UapiTsv.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("test resource " + resource + " is missing");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<Row> rows = new ArrayList<>();
            // '#' lines (kernel-internal-7.2.13.tsv says where its values come from) are comments
            String header = reader.readLine();
            int line = 1;
            while (header != null && header.startsWith("#")) {
                header = reader.readLine();
                line++;
            }
            if (header == null) {
                throw new IllegalStateException(resource + " is empty");
            }
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                line++;
                if (!text.isBlank() && !text.startsWith("#")) {
                    // -1 keeps trailing empty cells (the 'in' column is often empty)
                    rows.add(new Row(line, Arrays.asList(text.split("\t", -1))));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
