package jaio.kernel.session;

/** The kernel's magic commands (until the kernel-wide magics registry takes them over). */
final class CommandMagics {
    private CommandMagics() {}

    static Magics all() {
        Magics m = new Magics();
        m.register(new TimeMagic());
        m.register(new TimeitMagic());
        m.register(new SystemMagic());
        m.register(new BashMagic());
        m.register(new MarkupMagic("html", "text/html"));
        m.register(new MarkupMagic("markdown", "text/markdown"));
        m.register(new MarkupMagic("latex", "text/latex"));
        m.register(new MarkupMagic("svg", "image/svg+xml"));
        m.register(new EnvMagic());
        m.register(new VarsMagic());
        m.register(new ImportsMagic());
        m.register(new LoadMagic());
        m.register(new HistoryMagic());
        m.register(new LsMagic(() -> m));
        return m;
    }
}
