package io.customersegments.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.customersegments.Api;
import io.customersegments.Poll;
import io.customersegments.ServiceTest;
import io.customersegments.TestKeys;

/** Clients that send their uploads slowly cannot take every database connection from the other requests. */
@ServiceTest
class SlowUploadTests {

    @LocalServerPort
    int port;

    @Autowired
    UploadSlots slots;

    @Autowired
    UploadSettings settings;

    @Test
    void slowUploadsBeyondTheSlotsAreTurnedAwayWhileReadsGoOnAnswering() throws IOException {
        Api api = new Api(port);
        List<Socket> trickling = new ArrayList<>();
        try {
            for (int i = 0; i < settings.maxConcurrent(); i++) {
                trickling.add(startSlowUpload());
            }
            Poll.until(Duration.ofSeconds(30), "every upload slot to be taken", () -> slots.inUse() == settings.maxConcurrent());

            long started = System.nanoTime();
            Api.Answer refused = api.postCsv("/api/datasets?force=true", "id,x\n1,2\n");
            Api.Answer list = api.get("/api/datasets?size=1");
            Api.Answer health = api.get("/actuator/health");
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.json().get("type").asString()).isEqualTo("/problems/uploads-busy");
            assertThat(list.status()).isEqualTo(200);
            assertThat(health.status()).isEqualTo(200);
            // Nothing waited for a connection (the pool's timeout would be seconds).
            assertThat(millis).as("answered in %d ms", millis).isLessThan(5_000);
        }
        finally {
            for (Socket socket : trickling) {
                socket.close();
            }
        }
        Poll.until(Duration.ofSeconds(30), "the abandoned uploads to give back their slots", () -> slots.inUse() == 0);
        assertThat(api.postCsv("/api/datasets?force=true", "id,x\n1,2\n2,3\n").status()).isEqualTo(201);
    }

    @Test
    void aRefusedUploadSaysWhenToTryAgain() throws IOException {
        List<Socket> trickling = new ArrayList<>();
        try {
            for (int i = 0; i < settings.maxConcurrent(); i++) {
                trickling.add(startSlowUpload());
            }
            Poll.until(Duration.ofSeconds(30), "every upload slot to be taken", () -> slots.inUse() == settings.maxConcurrent());
            try (Socket refused = new Socket("localhost", port)) {
                byte[] body = "id,x\n1,2\n".getBytes(StandardCharsets.US_ASCII);
                OutputStream out = refused.getOutputStream();
                out.write(("POST /api/datasets?force=true HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\n" + TestKeys.AUTHORIZATION_LINE
                        + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                String answer = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).startsWith("HTTP/1.1 503").containsIgnoringCase("Retry-After: 10");
            }
        }
        finally {
            for (Socket socket : trickling) {
                socket.close();
            }
        }
        Poll.until(Duration.ofSeconds(30), "the abandoned uploads to give back their slots", () -> slots.inUse() == 0);
    }

    /** An upload whose client sends the header and a first row, then nothing more for now. */
    private Socket startSlowUpload() throws IOException {
        Socket socket = new Socket("localhost", port);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/datasets?force=true HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\n" + TestKeys.AUTHORIZATION_LINE
                + "Content-Length: 1000000\r\n\r\nid,x\n1,2\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

}
