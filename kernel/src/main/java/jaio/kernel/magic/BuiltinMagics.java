package jaio.kernel.magic;

/**
 * The one list of the kernel's magics: adding a magic is its class, one line here, and its test.
 * Keep the lines sorted by name so that concurrent additions merge without conflicts.
 */
final class BuiltinMagics {
    private BuiltinMagics() {}

    static void registerAll(MagicRegistry r) {
        UserClassPath classPath = new UserClassPath();
        r.register(new BashMagic());
        r.register(new jaio.kernel.magic.tasks.CancelMagic());
        r.register(new ClasspathMagic(classPath));
        r.register(new EnvMagic());
        r.register(new HistoryMagic());
        r.register(new MarkupMagic("html", "text/html"));
        r.register(new ImportsMagic());
        r.register(new MarkupMagic("latex", "text/latex"));
        r.register(new LoadMagic());
        r.register(new LsMagic());
        r.register(new MarkupMagic("markdown", "text/markdown"));
        r.register(new MavenMagic(classPath));
        r.register(new MavenRepoMagic(classPath));
        r.register(PinfoMagic.signatures());
        r.register(PinfoMagic.withSource());
        r.register(new MarkupMagic("svg", "image/svg+xml"));
        r.register(new SystemMagic());
        r.register(new jaio.kernel.magic.tasks.TaskMagic());
        r.register(new jaio.kernel.magic.tasks.TasksMagic());
        r.register(TimeMagic.cell());
        r.register(TimeMagic.line());
        r.register(new jaio.kernel.magic.tasks.TimelineMagic());
        r.register(TimeitMagic.cell());
        r.register(TimeitMagic.line());
        r.register(new VarsMagic());
    }
}
