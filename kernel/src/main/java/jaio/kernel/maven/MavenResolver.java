package jaio.kernel.maven;

import org.apache.maven.model.interpolation.ModelInterpolator;
import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.Authentication;
import org.eclipse.aether.repository.Proxy;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves Maven coordinates with their runtime dependencies to jars, with Maven Resolver, the
 * library Maven itself uses, configured from the user's Maven settings ({@link MavenSettings}).
 * Repositories: Maven Central (at the address Maven itself uses) and those added with
 * {@link #addRepository}, each seen through the settings' mirrors, proxies and credentials.
 *
 * <p>Kernel side only: Maven Resolver and its libraries live on the kernel's class path, which cell
 * code never sees, so a cell can load any version of the libraries the resolver itself uses.
 *
 * <p>Threads: every method is synchronized; resolution blocks (it downloads), so callers run it
 * off the kernel loop. The resolver and its session are built on first use, from the settings as
 * they are then.
 */
public final class MavenResolver {
    private final Path userHome;
    private final Map<String, String> env;
    private final Map<String, String> extraRepositories = new LinkedHashMap<>();
    private RepositorySystem system;
    private RepositorySystemSession session;
    private Path localRepository;
    private boolean offline;

    public MavenResolver(Path userHome, Map<String, String> env) {
        this.userHome = userHome;
        this.env = Map.copyOf(env);
    }

    /** The resolver of this JVM's user: {@code user.home} and the process environment. */
    public static MavenResolver forThisUser() {
        return new MavenResolver(Path.of(System.getProperty("user.home")), System.getenv());
    }

    /** Adds (or replaces) repository {@code id} at {@code url}, searched after those before it. */
    public synchronized void addRepository(String id, String url) {
        extraRepositories.put(id, url);
    }

    /** The repositories searched, "id url" each, in order. */
    public synchronized List<String> repositories() {
        return remoteRepositories().stream().map(r -> r.getId() + " " + r.getUrl()).toList();
    }

    /**
     * Resolves {@code coordinates} ({@code group:artifact:version}, or
     * {@code group:artifact:extension[:classifier]:version}) and their runtime dependencies, in
     * class-path order. Throws {@link MavenException} naming the artifact and repository.
     */
    public synchronized List<ResolvedArtifact> resolve(List<String> coordinates) {
        open();
        CollectRequest collect = new CollectRequest();
        for (String c : coordinates) {
            collect.addDependency(new Dependency(artifact(c), JavaScopes.RUNTIME));
        }
        collect.setRepositories(system.newResolutionRepositories(session, remoteRepositories()));
        DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        List<ArtifactResult> results;
        try {
            results = system.resolveDependencies(session, request).getArtifactResults();
        } catch (DependencyResolutionException e) {
            throw failure(coordinates, e);
        } catch (RuntimeException e) {
            throw new MavenException("cannot resolve " + String.join(", ", coordinates) + ": " + oneLine(e.toString()),
                    "check the coordinates and ~/.m2/settings.xml");
        }
        List<ResolvedArtifact> out = new ArrayList<>();
        for (ArtifactResult r : results) {
            Artifact a = r.getArtifact();
            Path file = a.getPath();
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                size = -1;
            }
            out.add(new ResolvedArtifact(coordinatesOf(a), file, size));
        }
        return out;
    }

    /** The local repository in use (after the first resolution). */
    public synchronized Path localRepository() {
        open();
        return localRepository;
    }

    private static Artifact artifact(String coordinates) {
        try {
            return new DefaultArtifact(coordinates.strip());
        } catch (IllegalArgumentException e) {
            throw new MavenException("bad coordinates '" + coordinates + "'",
                    "write group:artifact:version, or group:artifact:extension:classifier:version");
        }
    }

    private static String coordinatesOf(Artifact a) {
        StringBuilder sb = new StringBuilder(a.getGroupId()).append(':').append(a.getArtifactId());
        if (!a.getExtension().equals("jar") || !a.getClassifier().isEmpty()) {
            sb.append(':').append(a.getExtension());
            if (!a.getClassifier().isEmpty()) {
                sb.append(':').append(a.getClassifier());
            }
        }
        return sb.append(':').append(a.getVersion()).toString();
    }

    private MavenException failure(List<String> coordinates, DependencyResolutionException e) {
        Throwable cause = e;
        String message = e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause()) {
            cause = t;
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        String hint;
        if (offline || message.contains("offline mode")) {
            hint = "the Maven settings say offline: put the artifact into " + localRepository
                    + ", or set <offline>false</offline> in ~/.m2/settings.xml";
        } else if (cause instanceof ArtifactNotFoundException || message.startsWith("Could not find")) {
            hint = "check the coordinates (group:artifact:version); if another repository has it, add it with %mavenRepo ID URL";
        } else {
            hint = "check the network, and the proxies and mirrors in ~/.m2/settings.xml";
        }
        return new MavenException("cannot resolve " + String.join(", ", coordinates) + ": " + oneLine(message), hint);
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private List<RemoteRepository> remoteRepositories() {
        List<RemoteRepository> repos = new ArrayList<>();
        repos.add(new RemoteRepository.Builder("central", "default", centralUrl()).build());
        extraRepositories.forEach((id, url) -> repos.add(new RemoteRepository.Builder(id, "default", url).build()));
        return repos;
    }

    /** Central's address as Maven itself defines it (overridable, as in Maven, by {@code -Dmaven.repo.central=URL}). */
    private static String centralUrl() {
        return System.getProperty(ModelInterpolator.MAVEN_REPO_CENTRAL_KEY, ModelInterpolator.DEFAULT_MAVEN_REPO_CENTRAL_URL);
    }

    private void open() {
        if (session != null) {
            return;
        }
        Settings settings = MavenSettings.load(userHome, env);
        localRepository = settings.getLocalRepository() != null && !settings.getLocalRepository().isBlank()
                ? Path.of(settings.getLocalRepository()) : userHome.resolve(".m2").resolve("repository");
        offline = settings.isOffline();

        DefaultMirrorSelector mirrors = new DefaultMirrorSelector();
        for (Mirror m : settings.getMirrors()) {
            mirrors.add(m.getId(), m.getUrl(), m.getLayout(), false, m.isBlocked(), m.getMirrorOf(), m.getMirrorOfLayouts());
        }
        DefaultProxySelector proxies = new DefaultProxySelector();
        boolean anyProxy = false;
        for (org.apache.maven.settings.Proxy p : settings.getProxies()) {
            if (p.isActive()) {
                proxies.add(new Proxy(p.getProtocol(), p.getHost(), p.getPort(), credentials(p.getUsername(), p.getPassword())),
                        p.getNonProxyHosts());
                anyProxy = true;
            }
        }
        if (!anyProxy) {
            for (MavenSettings.PropertyProxy p : MavenSettings.propertyProxies(env)) {
                proxies.add(new Proxy(p.protocol(), p.host(), p.port(), credentials(p.user(), p.password())), p.nonProxyHosts());
            }
        }
        DefaultAuthenticationSelector auth = new DefaultAuthenticationSelector();
        for (Server s : settings.getServers()) {
            AuthenticationBuilder b = new AuthenticationBuilder().addUsername(s.getUsername()).addPassword(s.getPassword());
            if (s.getPrivateKey() != null) {
                b.addPrivateKey(s.getPrivateKey(), s.getPassphrase());
            }
            auth.add(s.getId(), b.build());
        }
        system = new RepositorySystemSupplier().get();
        session = new SessionBuilderSupplier(system).get()
                .withLocalRepositoryBaseDirectories(localRepository)
                .setOffline(offline)
                .setMirrorSelector(mirrors)
                .setProxySelector(proxies)
                .setAuthenticationSelector(auth)
                .setSystemProperties(System.getProperties())
                .setConfigProperty("aether.connector.connectTimeout", 15_000)
                .setConfigProperty("aether.connector.requestTimeout", 60_000)
                .build();
    }

    private static Authentication credentials(String user, String password) {
        return user == null ? null : new AuthenticationBuilder().addUsername(user).addPassword(password).build();
    }
}
