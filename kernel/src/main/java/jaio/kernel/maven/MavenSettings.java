package jaio.kernel.maven;

import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsBuilderFactory;
import org.apache.maven.settings.building.DefaultSettingsBuildingRequest;
import org.apache.maven.settings.building.SettingsBuildingException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Maven settings {@code %maven} follows, read as Maven reads them: the global
 * {@code $MAVEN_HOME/conf/settings.xml} and the user's {@code ~/.m2/settings.xml} merged, with
 * {@code ${...}} interpolated (mirrors, proxies, servers' credentials, local repository, offline).
 * Proxies given as Java properties ({@code -Dhttps.proxyHost=...} in this JVM or in
 * {@code MAVEN_OPTS}, as Maven users set them) apply when settings.xml names none.
 */
final class MavenSettings {
    private static final Pattern DEFINE = Pattern.compile("-D([\\w.]+)=(\\S+)");

    private MavenSettings() {}

    /** The effective settings for {@code userHome}; fails with a one-line message when a file is malformed. */
    static Settings load(Path userHome, Map<String, String> env) {
        DefaultSettingsBuildingRequest request = new DefaultSettingsBuildingRequest();
        Path user = userHome.resolve(".m2").resolve("settings.xml");
        if (Files.isRegularFile(user)) {
            request.setUserSettingsFile(user.toFile());
        }
        String mavenHome = env.getOrDefault("MAVEN_HOME", env.get("M2_HOME"));
        if (mavenHome != null) {
            Path global = Path.of(mavenHome, "conf", "settings.xml");
            if (Files.isRegularFile(global)) {
                request.setGlobalSettingsFile(global.toFile());
            }
        }
        Properties system = new Properties();
        system.putAll(System.getProperties());
        system.setProperty("user.home", userHome.toString());
        request.setSystemProperties(system);
        Properties envProps = new Properties();
        env.forEach((k, v) -> envProps.setProperty("env." + k, v));
        request.setUserProperties(envProps);
        try {
            return new DefaultSettingsBuilderFactory().newInstance().build(request).getEffectiveSettings();
        } catch (SettingsBuildingException e) {
            String first = e.getProblems().isEmpty() ? e.getMessage() : e.getProblems().getFirst().toString();
            throw new MavenException("cannot read the Maven settings: " + first,
                    "fix " + user + " (or set MAVEN_HOME to a Maven whose conf/settings.xml is valid)");
        }
    }

    /** A proxy given as Java properties (this JVM's, then MAVEN_OPTS's), for {@code protocol} http or https. */
    record PropertyProxy(String protocol, String host, int port, String user, String password, String nonProxyHosts) {}

    static List<PropertyProxy> propertyProxies(Map<String, String> env) {
        Properties p = new Properties();
        String opts = env.get("MAVEN_OPTS");
        if (opts != null) {
            Matcher m = DEFINE.matcher(opts);
            while (m.find()) {
                p.setProperty(m.group(1), m.group(2));
            }
        }
        p.putAll(System.getProperties());
        List<PropertyProxy> out = new ArrayList<>();
        for (String protocol : List.of("https", "http")) {
            String host = p.getProperty(protocol + ".proxyHost");
            if (host != null && !host.isBlank()) {
                int port = Integer.parseInt(p.getProperty(protocol + ".proxyPort", protocol.equals("https") ? "443" : "80"));
                out.add(new PropertyProxy(protocol, host, port, p.getProperty(protocol + ".proxyUser"),
                        p.getProperty(protocol + ".proxyPassword"), p.getProperty("http.nonProxyHosts")));
            }
        }
        return out;
    }
}
