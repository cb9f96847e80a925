package io.customersegments.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Which addresses a webhook may call, the text kept of a refusing answer, and the signature. */
class WebhookTargetsTest {

    private static final WebhookTargets TARGETS = new WebhookTargets(new WebhookSettings(List.of("127.0.0.1",
            " hooks.internal "), Duration.ofHours(24), Duration.ofSeconds(10), Duration.ofHours(1),
            Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(1), 4, 1000));

    @Test
    void internalAddressesAreRefusedAlsoInsideIpv6Forms() throws Exception {
        for (String internal : List.of("127.0.0.1", "::1", "0.0.0.0", "10.0.0.5", "172.16.3.4", "192.168.1.1",
                "169.254.169.254", "100.64.0.1", "224.0.0.1", "fd00::1", "fe80::1", "::ffff:10.0.0.1", "::127.0.0.1",
                "64:ff9b::a00:5", "64:ff9b:1::1", "2002:a9fe:a9fe::1", "240.0.0.1", "255.255.255.255")) {
            assertThat(WebhookTargets.internalKind(InetAddress.getByName(internal))).as(internal).isNotNull();
        }
        for (String external : List.of("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "64:ff9b::5db8:d822",
                "2002:5db8:d822::1", "8.8.8.8")) {
            assertThat(WebhookTargets.internalKind(InetAddress.getByName(external))).as(external).isNull();
        }
    }

    @Test
    void urlsAreHttpWithAHostAndNoCredentialsAndListedHostsMayBeInternal() throws Exception {
        assertThat(TARGETS.parse("http://127.0.0.1:8080/hook")).isEqualTo(URI.create("http://127.0.0.1:8080/hook"));
        assertThat(TARGETS.parse(" https://HOOKS.internal/x ").getHost()).isEqualTo("HOOKS.internal");
        for (String refused : List.of("ftp://example.com/", "mailto:a@example.com", "http://user@example.com/",
                "https://example.com/#part", "http://[::ffff:7f00:1]/", "http://2130706433/", "http://127.1/")) {
            assertThatThrownBy(() -> TARGETS.parse(refused)).as(refused).isInstanceOf(WebhookTargets.RefusedTarget.class);
        }
    }

    @Test
    void aRefusingAnswerIsKeptAsPrintableText() {
        assertThat(DeliverySender.printable("bad\u0000gateway\r\n\u001b[0m ok\tfine\uFFFD")).isEqualTo("bad gateway [0m ok\tfine?");
    }

    @Test
    void theSignatureIsTheHmacOfTheTimeAndTheBody() {
        // echo -n '1700000000.{"a":1}' | openssl dgst -sha256 -hmac secret
        assertThat(WebhookSignature.header("secret", 1_700_000_000L, "{\"a\":1}".getBytes()))
            .isEqualTo("t=1700000000,v1=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686");
    }

}
