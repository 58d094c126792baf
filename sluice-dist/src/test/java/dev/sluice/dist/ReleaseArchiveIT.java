package dev.sluice.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as an operator gets it: unpacked into an empty directory and run with only a Java runtime
 * (a JRE made by jlink from this JDK without its development tools; the PATH holds nothing but its {@code java}, so
 * no Maven, no javac, no sources): {@code bin/sluice demo} runs the whole tour, {@code bin/sluice serve} answers the
 * Dockerfile's health check, the example configuration passes {@code config check}, and the files the Dockerfile and
 * the systemd unit name are where they say.
 */
class ReleaseArchiveIT {
    /** JDK modules a runtime image leaves out: compilers, debuggers, packaging and monitoring tools. */
    private static final Set<String> DEVELOPMENT = Set.of("jdk.compiler", "jdk.javadoc", "jdk.jshell", "jdk.jdeps",
            "jdk.jlink", "jdk.jpackage", "jdk.jartool", "jdk.jdi", "jdk.jdwp.agent", "jdk.jconsole",
            "jdk.hotspot.agent", "jdk.jcmd", "jdk.jstatd", "jdk.editpad", "jdk.internal.le", "jdk.internal.opt",
            "jdk.internal.ed", "jdk.attach", "jdk.jsobject", "jdk.internal.jvmstat");

    @TempDir
    static Path work;
    static Path release;
    static Path jre;
    static Path path;

    @BeforeAll
    static void unpackAndMakeAJre() throws Exception {
        Path archive = Path.of(System.getProperty("sluice.release"));
        assertThat(archive).as("mvn package builds it").exists();
        Path empty = Files.createDirectories(work.resolve("install"));
        assertThat(Files.list(empty).count()).isZero();
        run(empty, Map.of("PATH", "/usr/bin:/bin"), 120, "tar", "xzf", archive.toString());
        release = empty.resolve("sluice-" + System.getProperty("sluice.version"));

        List<String> modules = new ArrayList<>();
        for (ModuleReference m : ModuleFinder.ofSystem().findAll()) {
            String name = m.descriptor().name();
            if (!DEVELOPMENT.contains(name)) {
                modules.add(name);
            }
        }
        jre = work.resolve("jre");
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        run(work, Map.of("PATH", "/usr/bin:/bin"), 600, jlink.toString(), "--add-modules", String.join(",", modules),
                "--strip-debug", "--no-header-files", "--no-man-pages", "--output", jre.toString());
        assertThat(jre.resolve("bin/javac")).doesNotExist();
        // a PATH with only the runtime's java on it
        path = Files.createDirectories(work.resolve("path"));
        Files.createSymbolicLink(path.resolve("java"), jre.resolve("bin/java"));
    }

    record Run(int exitCode, String output) {}

    private static Run run(Path dir, Map<String, String> env, int timeoutSeconds, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                out.append(e);
            }
        });
        reader.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within " + timeoutSeconds + " s");
        }
        reader.join();
        Run r = new Run(p.exitValue(), out.toString());
        if (command[0].equals("tar") || command[0].endsWith("jlink")) {
            assertThat(r.exitCode()).as(r.output()).isZero();
        }
        return r;
    }

    /** The environment of a machine with only a Java runtime: that java on the PATH, a home, nothing else. */
    private static Map<String, String> onlyAJre(Path home) {
        return Map.of("PATH", path.toString(), "HOME", home.toString(), "SLUICE_HOME", home.resolve(".sluice").toString(),
                "LANG", "C.UTF-8");
    }

    @Test
    void theArchiveHoldsTheLauncherTheJarTheConfigurationAndTheLicences() throws Exception {
        assertThat(release.resolve("bin/sluice")).isRegularFile();
        assertThat(Files.getPosixFilePermissions(release.resolve("bin/sluice"))).contains(
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
        assertThat(release.resolve("lib/sluice.jar")).isRegularFile();
        assertThat(release.resolve("conf/sluice.yaml")).isRegularFile();
        assertThat(release.resolve("conf/sluice.service")).isRegularFile();
        assertThat(release.resolve("conf/Dockerfile")).hasSameTextualContentAs(Path.of(System.getProperty(
                "sluice.dockerfile")));
        assertThat(Files.readString(release.resolve("README.txt"))).startsWith("Sluice " + System.getProperty(
                "sluice.version"));
        String thirdParty = Files.readString(release.resolve("licenses/THIRD-PARTY.txt"));
        assertThat(thirdParty).contains("jackson-databind").contains("Apache").contains("javalin")
                .contains("h2").contains("picocli").contains("tink");
        try (Stream<Path> files = Files.walk(release.resolve("licenses/bundled"))) {
            assertThat(files.filter(Files::isRegularFile).count()).isGreaterThan(20);
        }
        try (Stream<Path> all = Files.walk(release)) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".java")
                    || n.equals("pom.xml") || n.equals("mvnw"));
        }
    }

    @Test
    void theDemoRunsFromAnEmptyDirectoryWithOnlyAJre() throws Exception {
        Path cwd = Files.createDirectories(work.resolve("demo-cwd"));
        Path home = Files.createDirectories(work.resolve("demo-home"));
        Run version = run(cwd, onlyAJre(home), 120, release.resolve("bin/sluice").toString(), "--version");
        assertThat(version.output()).as(version.output()).contains("sluice " + System.getProperty("sluice.version"));

        Run demo = run(cwd, onlyAJre(home), 900, release.resolve("bin/sluice").toString(), "demo");
        assertThat(demo.exitCode()).as(demo.output()).isZero();
        assertThat(demo.output()).contains("Started the Dataverse + identity emulator")
                .contains("== 3. Who am I?").contains("Done in");
        try (Stream<Path> left = Files.list(cwd)) {
            assertThat(left).as("the demo leaves nothing behind").isEmpty();
        }
    }

    @Test
    void aSymlinkedLauncherFindsItsJarAndAMissingJavaIsExplained() throws Exception {
        Path links = Files.createDirectories(work.resolve("links"));
        Path link = Files.createSymbolicLink(links.resolve("sluice"), release.resolve("bin/sluice"));
        Path home = Files.createDirectories(work.resolve("link-home"));
        Map<String, String> env = new java.util.HashMap<>(onlyAJre(home));
        env.put("PATH", path + ":/usr/bin:/bin"); // readlink, to follow the link
        env.put("SLUICE_CDS", "off"); // no training left running in the background after this test
        assertThat(run(links, env, 120, link.toString(), "--version").output()).contains("sluice ");
        Run noJava = run(links, Map.of("PATH", "/nonexistent", "HOME", home.toString()), 60,
                release.resolve("bin/sluice").toString(), "--version");
        assertThat(noJava.exitCode()).isEqualTo(1);
        assertThat(noJava.output()).contains("sluice: Java 17 or newer is needed");
    }

    @Test
    void shortCommandsRunWithOneC1ThreadAndTheServerAndFlowsWithTheFirstTierOnlyOnTwoProcessorsOrFewer()
            throws Exception {
        Path home = Files.createDirectories(work.resolve("jit-home"));
        Map<String, String> env = new java.util.HashMap<>(onlyAJre(home));
        env.put("PATH", path + ":/usr/bin:/bin"); // getconf, which the launcher asks for the processors
        env.put("SLUICE_CDS", "off");
        env.put("SLUICE_JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        Run cpus = run(home, Map.of("PATH", "/usr/bin:/bin"), 60, "getconf", "_NPROCESSORS_ONLN");
        assertThat(cpus.exitCode()).as(cpus.output()).isZero();
        boolean small = Integer.parseInt(cpus.output().strip()) <= 2;
        for (String command : List.of("serve", "flow")) {
            Run help = run(home, env, 120, release.resolve("bin/sluice").toString(), command, "--help");
            assertThat(help.exitCode()).as(help.output()).isZero();
            if (small) {
                assertThat(help.output()).as(command).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
            } else {
                assertThat(help.output()).as(command).doesNotContain("-XX:TieredStopAtLevel=1");
            }
            assertThat(help.output()).as(command).doesNotContain("-XX:CICompilerCount=1");
        }
        // the short commands, reads and import: the first tier with one compiler thread, on any machine
        for (List<String> command : List.of(List.of("--version"), List.of("connection", "--help"),
                List.of("import", "--help"))) {
            List<String> line = new java.util.ArrayList<>(List.of(release.resolve("bin/sluice").toString()));
            line.addAll(command);
            Run shortOne = run(home, env, 120, line.toArray(String[]::new));
            assertThat(shortOne.exitCode()).as(shortOne.output()).isZero();
            assertThat(shortOne.output()).as(command.toString())
                    .contains("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:+UseSerialGC");
        }
        // tiers the user asks for win, without the one compiler thread the JVM would refuse for them
        env.put("SLUICE_JAVA_OPTS", "-XX:+PrintCommandLineFlags -XX:TieredStopAtLevel=4");
        Run allTiers = run(home, env, 120, release.resolve("bin/sluice").toString(), "import", "--help");
        assertThat(allTiers.exitCode()).as(allTiers.output()).isZero();
        assertThat(allTiers.output()).contains("-XX:TieredStopAtLevel=4").doesNotContain("-XX:CICompilerCount=1");
        // a collector the user names wins (two collectors would stop the JVM)
        env.put("SLUICE_JAVA_OPTS", "-XX:+PrintCommandLineFlags -XX:+UseG1GC");
        Run chosen = run(home, env, 120, release.resolve("bin/sluice").toString(), "serve", "--help");
        assertThat(chosen.exitCode()).as(chosen.output()).isZero();
        assertThat(chosen.output()).contains("-XX:+UseG1GC").doesNotContain("-XX:+UseSerialGC");
    }

    @Test
    void theFirstRunTrainsAClassArchiveInTheBackgroundThatLaterRunsMap() throws Exception {
        Path home = Files.createDirectories(work.resolve("cds-home"));
        Map<String, String> env = new java.util.HashMap<>(onlyAJre(home));
        // a full runtime (the trimmed one above has no base CDS archive to extend), and cksum, mkdir, find and mv: the
        // few tools the launcher's archive needs
        Path fullJava = Files.createDirectories(work.resolve("full-java"));
        Files.createSymbolicLink(fullJava.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        env.put("PATH", fullJava + ":/usr/bin:/bin");
        String launcher = release.resolve("bin/sluice").toString();
        Run first = run(home, env, 120, launcher, "--version");
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).startsWith("sluice ");
        Path cache = home.resolve(".cache/sluice");
        awaitTraining(cache, ".jsa");
        // what the archive holds: picocli, which every command loads (its own jar's Java 5 class files could not be
        // archived on Java 17: sluice-picocli), and the classes of the user-path commands the training runs (import,
        // export, a flow)
        Path archive;
        try (Stream<Path> files = Files.list(cache)) {
            archive = files.filter(f -> f.toString().endsWith(".jsa")).findFirst().orElseThrow();
        }
        Run listing = run(home, env, 120, fullJava.resolve("java").toString(), "-XX:SharedArchiveFile=" + archive,
                "-XX:+PrintSharedArchiveAndExit", "-jar", release.resolve("lib/sluice.jar").toString());
        assertThat(listing.exitCode()).as(listing.output()).isZero();
        assertThat(listing.output()).contains(" picocli.CommandLine ", " picocli.CommandLine$Model$CommandSpec ",
                " dev.sluice.cli.ImportRun ", " dev.sluice.dataverse.BulkWriter ", " dev.sluice.cli.ExportCommand ",
                " com.fasterxml.jackson.dataformat.csv.CsvParser ", " dev.sluice.flow.ChunkPipeline ",
                " dev.cel.runtime.CelRuntime ");
        // -Xshare:on: the JVM refuses to start when the archive cannot be mapped (another jar or JVM, a broken file)
        env.put("SLUICE_JAVA_OPTS", "-Xshare:on");
        Run list = run(home, env, 120, launcher, "connection", "list");
        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.output()).contains("No connections yet");
        // without the tools (a PATH with only java) there is no archive and the command runs as before
        Path bare = Files.createDirectories(work.resolve("cds-bare-home"));
        Run plain = run(bare, onlyAJre(bare), 120, launcher, "--version");
        assertThat(plain.exitCode()).as(plain.output()).isZero();
        assertThat(plain.output()).startsWith("sluice ").doesNotContain("not found");
        assertThat(bare.resolve(".cache")).doesNotExist();
    }

    @Test
    void onJava25OrNewerTheTrainingWritesAnAotCacheThatLaterRunsUse() throws Exception {
        Path newer = javaHomeOfAtLeast(25);
        Assumptions.assumeTrue(newer != null, "no Java 25 or newer under /usr/lib/jvm");
        Path home = Files.createDirectories(work.resolve("aot-home"));
        Map<String, String> env = new java.util.HashMap<>(onlyAJre(home));
        env.put("JAVA_HOME", newer.toString());
        env.put("PATH", "/usr/bin:/bin");
        String launcher = release.resolve("bin/sluice").toString();
        Run first = run(home, env, 120, launcher, "--version");
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).startsWith("sluice ");
        Path cache = home.resolve(".cache/sluice");
        awaitTraining(cache, ".aot");
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("one AOT cache and nothing else")
                    .singleElement().matches(n -> n.endsWith(".aot"));
        }
        // -XX:AOTMode=on: the JVM refuses to start when the AOT cache cannot be used (another jar or JVM, broken file)
        env.put("SLUICE_JAVA_OPTS", "-XX:AOTMode=on");
        Run list = run(home, env, 120, launcher, "connection", "list");
        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.output()).contains("No connections yet");
    }

    /** Waits for the launcher's background training to leave its archive ({@code suffix}) and no lock. */
    private static void awaitTraining(Path cache, String suffix) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!Files.isDirectory(cache)) {
                return false;
            }
            try (var files = Files.list(cache)) {
                List<String> names = files.map(f -> f.getFileName().toString()).toList();
                return names.stream().anyMatch(n -> n.endsWith(suffix))
                        && names.stream().noneMatch(n -> n.endsWith(".lock"));
            }
        });
    }

    /** A JDK or JRE under /usr/lib/jvm (Debian's place for them) of at least this feature version, or null. */
    private static Path javaHomeOfAtLeast(int feature) throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        Pattern version = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);
        try (Stream<Path> homes = Files.list(jvms)) {
            for (Path h : homes.sorted().toList()) {
                Path releaseFile = h.resolve("release");
                if (Files.isRegularFile(releaseFile) && Files.isExecutable(h.resolve("bin/java"))) {
                    Matcher m = version.matcher(Files.readString(releaseFile));
                    if (m.find() && Integer.parseInt(m.group(1)) >= feature) {
                        return h;
                    }
                }
            }
        }
        return null;
    }

    @Test
    void theExampleConfigurationIsValid() throws Exception {
        Path home = Files.createDirectories(work.resolve("config-home"));
        Map<String, String> env = new java.util.HashMap<>(onlyAJre(home));
        env.put("SLUICE_CONFIG", release.resolve("conf/sluice.yaml").toString());
        Run check = run(home, env, 120, release.resolve("bin/sluice").toString(), "config", "check");
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("The configuration is valid.");
    }

    @Test
    void serveFromTheReleaseAnswersTheDockerfilesHealthCheck() throws Exception {
        String dockerfile = Files.readString(Path.of(System.getProperty("sluice.dockerfile")));
        Matcher hc = Pattern.compile("HEALTHCHECK [^\\n]*\\\\\\n\\s*CMD (.*?)(?<!\\\\)\\n", Pattern.DOTALL)
                .matcher(dockerfile);
        assertThat(hc.find()).as("the Dockerfile has a HEALTHCHECK CMD").isTrue();
        String healthCheck = hc.group(1).replace("\\\n", " ");
        Path home = Files.createDirectories(work.resolve("serve-home"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Map<String, String> env = new java.util.HashMap<>(onlyAJre(home));
        env.put("SLUICE_SERVER_PORT", String.valueOf(port));
        env.put("SLUICE_ADMIN_PASSWORD", "first-admin-pass");
        ProcessBuilder pb = new ProcessBuilder(release.resolve("bin/sluice").toString(), "serve")
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("serve.log").toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process server = pb.start();
        try {
            Map<String, String> shell = Map.of("PATH", "/usr/bin:/bin", "SLUICE_SERVER_PORT", String.valueOf(port));
            // polled as Docker polls it, until it passes or the server gives up
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !server.isAlive() || run(home, shell, 30, "sh", "-c", healthCheck).exitCode() == 0);
            assertThat(server.isAlive()).as(Files.readString(work.resolve("serve.log"))).isTrue();
            assertThat(run(home, shell, 30, "sh", "-c", healthCheck).exitCode()).isZero();
            assertThat(Files.readString(work.resolve("serve.log"))).contains("Sluice server on http://127.0.0.1:" + port);
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theDockerfileAndTheSystemdUnitNameFilesThatExistInTheRelease() throws Exception {
        String dockerfile = Files.readString(Path.of(System.getProperty("sluice.dockerfile")));
        assertThat(dockerfile).contains("FROM debian:bookworm-slim").contains("openjdk-17-jre-headless")
                .contains("USER sluice").contains("VOLUME [\"/data\"]").contains("SLUICE_HOME=/data")
                .contains("ARG SLUICE_VERSION=" + System.getProperty("sluice.version"))
                .contains("ARG SLUICE_RELEASE=sluice-dist/target/sluice-${SLUICE_VERSION}.tar.gz");
        // the paths inside the image are the archive's: /opt/sluice -> /opt/sluice-VERSION
        Set<String> inImage = new TreeSet<>();
        Matcher m = Pattern.compile("/opt/sluice(/[A-Za-z0-9_./-]+)").matcher(dockerfile);
        while (m.find()) {
            inImage.add(m.group(1));
        }
        String unit = Files.readString(release.resolve("conf/sluice.service"));
        Matcher u = Pattern.compile("/opt/sluice(/[A-Za-z0-9_./-]+)").matcher(unit);
        while (u.find()) {
            inImage.add(u.group(1));
        }
        assertThat(inImage).contains("/bin/sluice", "/conf/sluice.yaml", "/conf/sluice.service");
        for (String p : inImage) {
            assertThat(release.resolve(p.substring(1))).as(p).exists();
        }
        assertThat(unit).contains("ExecStart=/opt/sluice/bin/sluice serve").contains("User=sluice")
                .contains("Environment=SLUICE_CONFIG=/etc/sluice/sluice.yaml");
        assertThat(inImage.stream().collect(Collectors.joining())).isNotEmpty();
    }
}
