package jaio.http;

import java.net.HttpCookie;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cookies of one {@link ClientSession} (aiohttp.CookieJar): {@code Set-Cookie} headers of every
 * response (redirects included) are kept, and sent back in a {@code Cookie} header to the hosts and
 * paths they were set for, until they expire. {@code Secure} cookies go over https only; a cookie
 * whose Domain does not cover the host that set it is refused, as RFC 6265 says. Parsing and
 * expiry are the JDK's {@link HttpCookie}. Loop only.
 */
public final class CookieJar implements Iterable<HttpCookie> {
    private final List<HttpCookie> cookies = new ArrayList<>();

    /** An empty jar (aiohttp's {@code CookieJar()}); a session makes its own. */
    public CookieJar() {}

    /** Keeps the cookies of {@code Set-Cookie} header values received from {@code from}. */
    public void updateCookies(List<String> setCookieHeaders, URI from) {
        for (String header : setCookieHeaders) {
            List<HttpCookie> parsed;
            try {
                parsed = HttpCookie.parse("Set-Cookie:" + header);
            } catch (IllegalArgumentException e) {
                continue; // A malformed cookie is ignored, as browsers and aiohttp do.
            }
            for (HttpCookie c : parsed) {
                String host = from.getHost();
                if (c.getDomain() == null) {
                    c.setDomain(host);
                    c.setVersion(0);
                } else {
                    String d = c.getDomain().startsWith(".") ? c.getDomain().substring(1) : c.getDomain();
                    if (!host.equalsIgnoreCase(d) && !host.toLowerCase().endsWith("." + d.toLowerCase())) {
                        continue;
                    }
                    c.setDomain(d);
                }
                if (c.getPath() == null) {
                    String p = from.getRawPath() == null || from.getRawPath().isEmpty() ? "/" : from.getRawPath();
                    c.setPath(p.lastIndexOf('/') > 0 ? p.substring(0, p.lastIndexOf('/')) : "/");
                }
                cookies.removeIf(old -> old.getName().equals(c.getName()) && old.getDomain().equalsIgnoreCase(c.getDomain())
                        && old.getPath().equals(c.getPath()));
                if (!c.hasExpired()) {
                    cookies.add(c);
                }
            }
        }
    }

    /** The cookies to send to {@code url}: name to value (aiohttp's filter_cookies). */
    public Map<String, String> filterCookies(URI url) {
        Map<String, String> out = new LinkedHashMap<>();
        String host = url.getHost().toLowerCase();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        boolean secure = "https".equalsIgnoreCase(url.getScheme());
        for (Iterator<HttpCookie> it = cookies.iterator(); it.hasNext(); ) {
            HttpCookie c = it.next();
            if (c.hasExpired()) {
                it.remove();
                continue;
            }
            String d = c.getDomain().toLowerCase();
            boolean domainOk = host.equals(d) || host.endsWith("." + d);
            boolean pathOk = path.startsWith(c.getPath()) && (path.length() == c.getPath().length()
                    || c.getPath().endsWith("/") || path.charAt(c.getPath().length()) == '/');
            if (domainOk && pathOk && (!c.getSecure() || secure)) {
                out.put(c.getName(), c.getValue());
            }
        }
        return out;
    }

    /** The Cookie header for {@code url}, or null when no cookie applies. */
    String cookieHeader(URI url) {
        if (cookies.isEmpty()) {
            return null;
        }
        Map<String, String> m = filterCookies(url);
        if (m.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "; ").append(k).append('=').append(v));
        return sb.toString();
    }

    /** How many cookies it holds ({@code len(cookie_jar)} in aiohttp). */
    public int size() {
        return cookies.size();
    }

    /** Forgets every cookie (aiohttp's {@code CookieJar.clear}). */
    public void clear() {
        cookies.clear();
    }

    @Override
    public Iterator<HttpCookie> iterator() {
        return List.copyOf(cookies).iterator();
    }

    @Override
    public String toString() {
        return "<CookieJar " + cookies + ">";
    }
}
