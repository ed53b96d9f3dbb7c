package jaio.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code %maven}, {@code %mavenRepo} and {@code %classpath} through a real kernel: a real artifact
 * from Maven Central (with a dependency), an unknown one, another Gson than the kernel's own, and
 * an offline local repository named by the user's settings.xml. Each kernel gets a home directory
 * of its own, so nothing comes from (or goes to) the machine's ~/.m2.
 */
@Timeout(300)
class MavenEndToEndTest {
    @TempDir
    Path home;

    private RunningKernel kernelWithHome() throws IOException {
        Path dir = Files.createDirectories(home.resolve("kernel"));
        return new RunningKernel(dir, Map.of("MAVEN_OPTS", ""), "-Duser.home=" + home);
    }

    @Test
    void artifactsFromMavenCentralAreUsableInTheNextCellAndNeverClashWithTheKernelsLibraries() throws Exception {
        try (RunningKernel kernel = kernelWithHome()) {
            var added = kernel.run("%maven org.apache.commons:commons-text:1.12.0");
            assertEquals("ok", added.status(), added.error());
            assertTrue(added.stdout().contains("Added org.apache.commons:commons-text:1.12.0 ("), added.stdout());
            assertTrue(added.stdout().contains("Added org.apache.commons:commons-lang3:"), "its dependency too: " + added.stdout());
            assertEquals("", added.stream("stderr"));
            assertTrue(Files.isRegularFile(home.resolve(".m2/repository/org/apache/commons/commons-text/1.12.0/commons-text-1.12.0.jar")));

            var used = kernel.run("org.apache.commons.text.WordUtils.capitalize(\"hello world\")");
            assertEquals("\"Hello World\"", used.result().get("text/plain").getAsString(), used.error());
            var inWorker = kernel.run("try (var pool = new jaio.multiprocessing.ProcessPool(1)) {\n"
                    + "    System.out.println(pool.map(s -> org.apache.commons.text.WordUtils.capitalize(s), List.of(\"in a worker\")));\n}");
            assertEquals("[In A Worker]\n", inWorker.stdout(), "a worker process loads the jar too: " + inWorker.error());
            var again = kernel.run("%maven org.apache.commons:commons-text:1.12.0");
            assertEquals("ok", again.status());
            assertEquals("", again.stdout(), "quiet when everything is already there");

            var gson = kernel.run("%maven com.google.code.gson:gson:2.10.1");
            assertTrue(gson.stdout().contains("Added com.google.code.gson:gson:2.10.1"), gson.stdout());
            var which = kernel.run("new com.google.gson.Gson().toJson(List.of(1, 2)) + \" \" "
                    + "+ com.google.gson.Gson.class.getProtectionDomain().getCodeSource().getLocation()");
            String text = which.result().get("text/plain").getAsString();
            assertTrue(text.startsWith("\"[1,2] ") && text.contains("gson-2.10.1.jar"), "the cell's Gson, not the kernel's 2.13: " + text);

            var unknown = kernel.run("%maven org.example.does.not:exist:9.9.9");
            assertEquals("MavenError", unknown.reply().get("ename").getAsString());
            String evalue = unknown.reply().get("evalue").getAsString();
            assertTrue(evalue.contains("org.example.does.not:exist") && evalue.contains("central"), evalue);
            assertTrue(unknown.reply().get("traceback").toString().contains("hint: check the coordinates"), unknown.reply().toString());
        }
    }

    @Test
    void anOfflineLocalRepositoryFromSettingsXml() throws Exception {
        Path repo = home.resolve("offline-repo");
        installHelloArtifact(repo.resolve("org/example/hello/1.0"));
        Files.createDirectories(home.resolve(".m2"));
        Files.writeString(home.resolve(".m2/settings.xml"), """
                <settings>
                  <localRepository>%s</localRepository>
                  <offline>true</offline>
                </settings>
                """.formatted(repo));
        try (RunningKernel kernel = kernelWithHome()) {
            var added = kernel.run("%maven org.example:hello:1.0");
            assertEquals("ok", added.status(), added.error());
            assertTrue(added.stdout().startsWith("Added org.example:hello:1.0 ("), added.stdout());
            assertEquals("\"hi from the local repository\"", kernel.run("demo.Hello.hi()").result().get("text/plain").getAsString());

            var missing = kernel.run("%maven org.example:absent:1.0");
            assertEquals("MavenError", missing.reply().get("ename").getAsString());
            assertTrue(missing.reply().get("evalue").getAsString().contains("org.example:absent"), missing.error());
            assertTrue(missing.reply().get("traceback").toString().contains("offline"), missing.reply().toString());

            Path lib = Files.createDirectories(home.resolve("lib"));
            Files.copy(repo.resolve("org/example/hello/1.0/hello-1.0.jar"), lib.resolve("copy.jar"));
            var cp = kernel.run("%classpath " + lib + "/*.jar");
            assertEquals("Added " + lib.resolve("copy.jar") + "\n", cp.stdout(), cp.error());
            var bad = kernel.run("%classpath " + home.resolve("nothing-here.jar"));
            assertEquals("UsageError", bad.reply().get("ename").getAsString());
        }
    }

    /** A jar with class demo.Hello and its POM, laid out as a local repository holds them. */
    private static void installHelloArtifact(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path src = Files.createTempDirectory("hello-src");
        Files.createDirectories(src.resolve("demo"));
        Files.writeString(src.resolve("demo/Hello.java"),
                "package demo; public class Hello { public static String hi() { return \"hi from the local repository\"; } }");
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", src.toString(), src.resolve("demo/Hello.java").toString());
        assertEquals(0, rc);
        try (OutputStream out = Files.newOutputStream(dir.resolve("hello-1.0.jar")); JarOutputStream jar = new JarOutputStream(out)) {
            jar.putNextEntry(new JarEntry("demo/Hello.class"));
            jar.write(Files.readAllBytes(src.resolve("demo/Hello.class")));
            jar.closeEntry();
        }
        Files.writeString(dir.resolve("hello-1.0.pom"), """
                <project><modelVersion>4.0.0</modelVersion>
                  <groupId>org.example</groupId><artifactId>hello</artifactId><version>1.0</version>
                </project>
                """);
    }

}
