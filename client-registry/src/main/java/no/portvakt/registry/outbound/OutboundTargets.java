package no.portvakt.registry.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where Portvakt itself may send a request: a partner's {@code jwks_uri}, a back-channel logout URI, a PVK
 * delivery URL. Each is a URL someone else chose, so each could aim Portvakt at what only Portvakt can reach (the
 * cloud's metadata service, a database's port, the admin API behind the firewall). A target must be https, carry
 * no user name, and resolve only to public addresses; never to a link-local, unspecified or multicast address,
 * and never to Portvakt itself. Loopback and private addresses, and http, only where
 * {@code portvakt.outbound.allow-local-targets} allows them (the dev run and the tests, whose partners run on the
 * same machine).
 *
 * <p>A registration is checked as written ({@link #checkRegistered}: no name is looked up then, a name may not
 * resolve yet); each request is checked again with the name resolved ({@link #check}), just before it is sent.
 */
public final class OutboundTargets {

    private final boolean allowLocal;
    private final URI self;

    public OutboundTargets(boolean allowLocal, String issuer) {
        this.allowLocal = allowLocal;
        this.self = URI.create(issuer);
    }

    /** Why {@code uri} may not be registered as a target, as written; null when it may. */
    public String refusalOfRegistered(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !(allowLocal && "http".equals(scheme))) {
            return "must use https";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not carry a user name or password";
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return "must name a host";
        }
        if (isSelf(uri)) {
            return "must not be Portvakt itself";
        }
        if (host.equalsIgnoreCase("localhost") || host.toLowerCase(Locale.ROOT).endsWith(".localhost")) {
            return allowLocal ? null : "must not be a loopback address";
        }
        if (isLiteralAddress(host)) {
            try {
                return refusalOf(InetAddress.getByName(host));
            } catch (UnknownHostException e) {
                return "is not a valid address";
            }
        }
        return null;
    }

    /** Throws when {@code uri} may not be registered as a target. */
    public void checkRegistered(URI uri) {
        String refusal = refusalOfRegistered(uri);
        if (refusal != null) {
            throw new RefusedTarget(refusal);
        }
    }

    /** Throws when a request to {@code uri} may not be sent now: as registered, and every address it resolves to. */
    public void check(URI uri) {
        checkRegistered(uri);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            return; // nothing to reach: the request fails as any request to an unknown host does, and is retried
        }
        for (InetAddress address : addresses) {
            String refusal = refusalOf(address);
            if (refusal != null) {
                throw new RefusedTarget("resolves to an address it " + refusal.substring("must ".length()));
            }
        }
    }

    private String refusalOf(InetAddress address) {
        if (address.isLinkLocalAddress() || address.isAnyLocalAddress() || address.isMulticastAddress()
                || isIpv4LinkLocal(address)) {
            return "must not be a link-local, unspecified or multicast address";
        }
        boolean local = address.isLoopbackAddress() || address.isSiteLocalAddress() || isUniqueLocal(address)
                || isSharedAddressSpace(address);
        if (local && !allowLocal) {
            return "must not be a loopback or private address";
        }
        return null;
    }

    private boolean isSelf(URI uri) {
        return uri.getHost().equalsIgnoreCase(self.getHost()) && port(uri) == port(self);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static boolean isLiteralAddress(String host) {
        return host.startsWith("[") || host.matches("[0-9.]+");
    }

    /** 169.254.0.0/16; {@link InetAddress#isLinkLocalAddress} already says so, kept explicit for the metadata IP. */
    private static boolean isIpv4LinkLocal(InetAddress address) {
        byte[] a = address.getAddress();
        return address instanceof Inet4Address && (a[0] & 0xff) == 169 && (a[1] & 0xff) == 254;
    }

    /** fc00::/7, IPv6's private addresses (RFC 4193). */
    private static boolean isUniqueLocal(InetAddress address) {
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
    }

    /** 100.64.0.0/10, carrier-grade NAT (RFC 6598): not public either. */
    private static boolean isSharedAddressSpace(InetAddress address) {
        byte[] a = address.getAddress();
        return address instanceof Inet4Address && (a[0] & 0xff) == 100 && (a[1] & 0xc0) == 64;
    }
}
