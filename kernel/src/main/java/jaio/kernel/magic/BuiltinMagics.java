package jaio.kernel.magic;

/**
 * The one list of the kernel's magics: adding a magic is its class, one line here, and its test.
 * Keep the lines sorted by name so that concurrent additions merge without conflicts.
 */
final class BuiltinMagics {
    private BuiltinMagics() {}

    static void registerAll(MagicRegistry r) {
        r.register(new LsMagic());
        r.register(PinfoMagic.signatures());
        r.register(PinfoMagic.withSource());
    }
}
