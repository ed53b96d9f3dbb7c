package jaio.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** HTTP Basic credentials (aiohttp.BasicAuth): sent as {@code Authorization: Basic base64(login:password)}. */
public record BasicAuth(String login, String password) {
    public BasicAuth {
        if (login == null || login.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a BasicAuth login must be given and must not contain ':'");
        }
        password = password == null ? "" : password;
    }

    /** The Authorization header value. */
    public String encode() {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The credentials of a URL's user info ({@code http://user:pass@host/}), or null. */
    static BasicAuth fromUserInfo(String rawUserInfo) {
        if (rawUserInfo == null || rawUserInfo.isEmpty()) {
            return null;
        }
        int colon = rawUserInfo.indexOf(':');
        String login = java.net.URLDecoder.decode(colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon), StandardCharsets.UTF_8);
        String password = colon < 0 ? "" : java.net.URLDecoder.decode(rawUserInfo.substring(colon + 1), StandardCharsets.UTF_8);
        return new BasicAuth(login, password);
    }

    @Override
    public String toString() {
        return "BasicAuth(login='" + login + "', password='***')";
    }
}
