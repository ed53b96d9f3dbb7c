package jaio.http;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Which proxy a request goes through (Python's urllib getproxies_environment and
 * proxy_bypass_environment, which aiohttp uses with {@code trust_env=True}): {@code http_proxy}
 * for http URLs, {@code https_proxy} for https ones (the lower-case name wins over the upper-case
 * one), and none for the hosts {@code no_proxy} lists ("*" for all; an entry matches the host, its
 * sub-domains, or host:port).
 */
record ProxySettings(URI http, URI https, List<String> noProxy) {
    static final ProxySettings NONE = new ProxySettings(null, null, List.of());

    static ProxySettings fromEnv(Map<String, String> env) {
        return new ProxySettings(uri(env, "http_proxy"), uri(env, "https_proxy"), noProxyList(env));
    }

    /** One proxy for every scheme (ClientSession.proxy). */
    static ProxySettings of(String proxyUrl) {
        URI u = parse(proxyUrl, "proxy");
        return new ProxySettings(u, u, List.of());
    }

    /** The proxy for {@code target}, or null to connect directly. */
    URI proxyFor(URI target) {
        URI p = "https".equalsIgnoreCase(target.getScheme()) ? https : http;
        return p == null || bypass(target) ? null : p;
    }

    private boolean bypass(URI target) {
        String host = target.getHost().toLowerCase();
        for (String e : noProxy) {
            if (e.equals("*")) {
                return true;
            }
            String entry = e.startsWith(".") ? e.substring(1) : e;
            if (host.equals(entry) || host.endsWith("." + entry) || (host + ":" + ClientSession.portOf(target)).equals(entry)) {
                return true;
            }
        }
        return false;
    }

    private static String get(Map<String, String> env, String lower) {
        String v = env.get(lower);
        if (v == null || v.isBlank()) {
            v = env.get(lower.toUpperCase());
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static URI uri(Map<String, String> env, String name) {
        String v = get(env, name);
        return v == null ? null : parse(v.contains("://") ? v : "http://" + v, name);
    }

    private static List<String> noProxyList(Map<String, String> env) {
        String v = get(env, "no_proxy");
        if (v == null) {
            return List.of();
        }
        return java.util.Arrays.stream(v.split(",")).map(String::trim).map(String::toLowerCase).filter(s -> !s.isEmpty()).toList();
    }

    private static URI parse(String url, String what) {
        try {
            URI u = URI.create(url);
            if (!"http".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException(what + " must be an http:// URL with a host, not '" + url + "'");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " must be an http:// URL with a host, not '" + url + "'", e);
        }
    }
}
