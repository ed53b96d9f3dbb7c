package jaio.kernel.magic;

/** {@code %mavenRepo ID URL} adds a Maven repository for {@code %maven}; without arguments it lists them. */
final class MavenRepoMagic implements LineMagic {
    private final UserClassPath classPath;

    MavenRepoMagic(UserClassPath classPath) {
        this.classPath = classPath;
    }

    @Override
    public String name() {
        return "mavenRepo";
    }

    @Override
    public String usage() {
        return "%mavenRepo [ID URL]";
    }

    @Override
    public String summary() {
        return "add a Maven repository for %maven (list them without arguments)";
    }

    @Override
    public void run(MagicCall call) {
        var argv = call.argv();
        if (argv.isEmpty()) {
            call.print(String.join("\n", classPath.resolver().repositories()) + "\n");
            return;
        }
        if (argv.size() != 2) {
            throw new UsageException("give an id and a URL");
        }
        String url = argv.get(1);
        if (!url.matches("(?i)(https?|file)://.+")) {
            throw new UsageException("not a repository URL: " + url);
        }
        classPath.resolver().addRepository(argv.get(0), url);
    }
}
