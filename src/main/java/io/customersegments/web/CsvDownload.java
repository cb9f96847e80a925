package io.customersegments.web;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** A CSV file streamed to the client as a download, written as it is read from the database. */
public final class CsvDownload {

    private static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private CsvDownload() {
    }

    /**
     * A download whose body writes the CSV to the writer it is given, and closes it when done; the slot it
     * holds (taken by the caller) is given back once the last byte is written or the client has gone.
     */
    public static ResponseEntity<StreamingResponseBody> attachment(String filename, Slots.Slot slot,
            Consumer<Writer> body) {
        // HEAD asks for the headers only: the export is not made (its bytes would be thrown away), the slot given back.
        boolean head = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && HttpMethod.HEAD.matches(attributes.getRequest().getMethod());
        return ResponseEntity.ok()
            .contentType(TEXT_CSV)
            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
            .body(out -> {
                try (slot) {
                    if (!head) {
                        body.accept(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                    }
                }
            });
    }

}
