package io.customersegments.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;

/**
 * A webhook receiver on loopback, as a marketing tool would run one: it checks each request's signature, and can be
 * taken down and brought up on the same port, answer given statuses, or hold requests until released.
 */
final class Receiver implements AutoCloseable {

    /** One request as it arrived. */
    record Request(String deliveryId, String signature, String body, boolean signatureValid, int status) {

        JsonNode json() {
            return Api.JSON.readTree(body);
        }

    }

    private final String secret;

    private final int port;

    private final List<Request> requests = new ArrayList<>();

    /** Statuses to answer, in turn, before answering 200 for good. */
    private final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();

    private volatile CountDownLatch hold;

    private volatile CountDownLatch held = new CountDownLatch(1);

    private HttpServer server;

    Receiver(String secret) throws IOException {
        this.secret = secret;
        this.server = serve(0);
        this.port = server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hooks/segments";
    }

    private HttpServer serve(int onPort) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
        http.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String signature = exchange.getRequestHeaders().getFirst("X-Segments-Signature");
            CountDownLatch holding = hold;
            if (holding != null) {
                held.countDown();
                try {
                    holding.await(60, TimeUnit.SECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            Integer status = statuses.poll();
            int answer = status == null ? 200 : status;
            synchronized (requests) {
                requests.add(new Request(exchange.getRequestHeaders().getFirst("X-Segments-Delivery"), signature,
                        new String(body, StandardCharsets.UTF_8), valid(signature, body), answer));
            }
            byte[] reply = (answer == 200 ? "ok" : "not now").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        // Requests are handled at once, each on its own thread (one held request does not hold the others).
        http.setExecutor(Executors.newCachedThreadPool());
        http.start();
        return http;
    }

    private boolean valid(String header, byte[] body) {
        if (header == null || !header.matches("t=\\d+,v1=[0-9a-f]{64}")) {
            return false;
        }
        String t = header.substring(2, header.indexOf(','));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            String expected = HexFormat.of().formatHex(mac.doFinal(body));
            long age = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(t));
            return expected.equals(header.substring(header.indexOf("v1=") + 3)) && age < 300;
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Answers these statuses to the next requests, then 200 again. */
    void answer(Integer... next) {
        statuses.addAll(List.of(next));
    }

    /** Answers 200 from now on. */
    void answerOk() {
        statuses.clear();
    }

    /** Holds every request until {@link #release()}; {@link #awaitHeld()} waits for the first held one. */
    void hold() {
        held = new CountDownLatch(1);
        hold = new CountDownLatch(1);
    }

    boolean awaitHeld(long seconds) throws InterruptedException {
        return held.await(seconds, TimeUnit.SECONDS);
    }

    void release() {
        CountDownLatch holding = hold;
        hold = null;
        if (holding != null) {
            holding.countDown();
        }
    }

    /** Stops listening: connections are refused until {@link #up()}. */
    void down() {
        server.stop(0);
    }

    void up() throws IOException {
        server = serve(port);
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /**
     * The answered requests' events in arrival order, each delivery once (a receiver drops a delivery id it has
     * handled), from the requests with a valid signature.
     */
    List<JsonNode> events() {
        Map<String, Request> once = new LinkedHashMap<>();
        for (Request request : requests()) {
            if (request.signatureValid() && request.status() == 200) {
                once.putIfAbsent(request.deliveryId(), request);
            }
        }
        List<JsonNode> events = new ArrayList<>();
        once.values().forEach(request -> request.json().get("events").forEach(events::add));
        return events;
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }

}
