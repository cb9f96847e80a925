package io.customersegments.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** An export asked with HEAD is not made: its headers are answered, its slot given back. */
class CsvDownloadTest {

    private final Slots slots = new Slots(1, IllegalStateException::new);

    @AfterEach
    void forgetTheRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void headAnswersTheHeadersWithoutMakingTheExport() throws Exception {
        AtomicInteger made = new AtomicInteger();
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest("HEAD",
                "/api/segmentations/1/assignments.csv")));

        ResponseEntity<StreamingResponseBody> head = CsvDownload.attachment("a.csv", slots.acquire(),
                writer -> made.incrementAndGet());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        head.getBody().writeTo(out);

        assertThat(head.getHeaders().getContentDisposition().getFilename()).isEqualTo("a.csv");
        assertThat(made).hasValue(0);
        assertThat(slots.inUse()).isZero();

        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest("GET",
                "/api/segmentations/1/assignments.csv")));
        CsvDownload.attachment("a.csv", slots.acquire(), writer -> made.incrementAndGet()).getBody().writeTo(out);
        assertThat(made).hasValue(1);
        assertThat(slots.inUse()).isZero();
    }

}
