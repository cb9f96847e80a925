package io.customersegments.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * Which URLs a webhook may call: http(s) only, and no address inside the service's own network (loopback,
 * link-local such as cloud metadata at 169.254.169.254, private, carrier-grade NAT, unique-local IPv6, multicast,
 * unspecified or reserved) unless its host is listed in {@code segmentation.webhooks.allowed-hosts}. Checked when a
 * webhook is made and on the resolved addresses before every delivery (a name may resolve elsewhere later).
 */
@Component
class WebhookTargets {

    private final Set<String> allowedHosts;

    WebhookTargets(WebhookSettings settings) {
        this.allowedHosts = settings.allowedHosts().stream().map(WebhookTargets::normalHost).collect(Collectors.toSet());
    }

    /** A URL that cannot be called, and why. */
    static final class RefusedTarget extends Exception {

        RefusedTarget(String reason) {
            super(reason, null, false, false);
        }

    }

    /** Parses and checks a URL as a client gave it. */
    URI parse(String url) throws RefusedTarget {
        URI uri;
        try {
            uri = new URI(url.strip());
        }
        catch (URISyntaxException ex) {
            throw new RefusedTarget("'" + url + "' is not a URL: " + ex.getReason() + ".");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedTarget("Only http and https URLs can receive webhooks, not '" + url + "'.");
        }
        if (uri.getHost() == null) {
            throw new RefusedTarget("'" + url + "' names no host.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedTarget("A webhook URL carries no user name or password; receivers check the signature "
                    + "made with the webhook's secret instead.");
        }
        if (uri.getRawFragment() != null) {
            throw new RefusedTarget("A webhook URL has no #fragment (it is never sent to the receiver).");
        }
        // -1: none given (80 or 443); java.net.URI takes any digits as a port, the HTTP client only 1 to 65535.
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            throw new RefusedTarget("'" + url + "' has port " + uri.getPort() + "; a port is 1 to 65535.");
        }
        check(uri);
        return uri;
    }

    /** Refuses a URL whose host resolves to an address inside the network, unless the host is allowed. */
    void check(URI uri) throws RefusedTarget {
        String host = normalHost(uri.getHost());
        if (allowedHosts.contains(host)) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        }
        catch (UnknownHostException ex) {
            throw new RefusedTarget("The host '" + host + "' cannot be resolved.");
        }
        for (InetAddress address : addresses) {
            String kind = internalKind(address);
            if (kind != null) {
                throw new RefusedTarget("The host '" + host + "' resolves to " + address.getHostAddress() + ", a "
                        + kind + " address: webhooks may not call into the service's own network unless the host "
                        + "is listed in segmentation.webhooks.allowed-hosts.");
            }
        }
    }

    /** What kind of internal address this is, or null for a public one. */
    static String internalKind(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            if (first == 0) {
                return "unspecified";
            }
            if (first == 100 && second >= 64 && second < 128) {
                return "carrier-grade NAT";
            }
            if (first == 192 && second == 0 && (bytes[2] & 0xff) == 0) {
                return "IETF protocol";
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return "benchmarking";
            }
            if (first >= 240) {
                return "reserved";
            }
        }
        if (address instanceof Inet6Address) {
            if ((bytes[0] & 0xfe) == 0xfc) {
                return "unique-local";
            }
            if (bytes[0] == 0 && bytes[1] == 0x64 && bytes[2] == (byte) 0xff && bytes[3] == (byte) 0x9b
                    && bytes[4] == 0 && bytes[5] == 1) {
                return "local-use NAT64";
            }
            byte[] embedded = embeddedIpv4(bytes);
            if (embedded != null) {
                try {
                    String kind = internalKind(InetAddress.getByAddress(embedded));
                    return kind == null ? null : kind + " (inside an IPv6 address)";
                }
                catch (UnknownHostException ex) {
                    throw new IllegalStateException("four bytes are always an IPv4 address", ex);
                }
            }
        }
        return null;
    }

    /**
     * The IPv4 address inside an IPv4-compatible ({@code ::a.b.c.d}), NAT64 ({@code 64:ff9b::a.b.c.d}) or 6to4
     * ({@code 2002:aabb:ccdd::}) address, which reach that IPv4 address; null for any other.
     */
    private static byte[] embeddedIpv4(byte[] v6) {
        boolean compatible = true;
        for (int i = 0; i < 12; i++) {
            compatible &= v6[i] == 0;
        }
        boolean nat64 = v6[0] == 0 && v6[1] == 0x64 && v6[2] == (byte) 0xff && v6[3] == (byte) 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = v6[i] == 0;
        }
        if (compatible || nat64) {
            return Arrays.copyOfRange(v6, 12, 16);
        }
        if (v6[0] == 0x20 && v6[1] == 0x02) {
            return Arrays.copyOfRange(v6, 2, 6);
        }
        return null;
    }

    private static String normalHost(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return bare.toLowerCase(Locale.ROOT);
    }

}
