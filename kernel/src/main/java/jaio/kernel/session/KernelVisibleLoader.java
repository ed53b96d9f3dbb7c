package jaio.kernel.session;

/**
 * The parent of the snippet loader: it shows user code the JDK (through the platform loader) and
 * the jaio runtime and this session package (through the kernel's loader), and nothing else. The
 * kernel's own libraries (JeroMQ, Gson, later Maven Resolver) and its wire/protocol classes stay
 * invisible, so a user's class path can hold other versions of them without a clash.
 */
final class KernelVisibleLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final ClassLoader kernel;
    /** The contract's comms, which cells reach through {@link CellServices#comms()}. */
    private static final String COMMS = "jaio.kernel.language.Comms";

    KernelVisibleLoader(ClassLoader kernel) {
        super("jaio-kernel-visible", ClassLoader.getPlatformClassLoader());
        this.kernel = kernel;
    }

    /** Whether user code may see kernel class {@code name}. */
    static boolean visible(String name) {
        if (!name.startsWith("jaio.")) {
            return false;
        }
        return !name.startsWith("jaio.kernel.") || name.startsWith("jaio.kernel.session.")
                || name.equals(COMMS) || name.startsWith(COMMS + "$");
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (visible(name)) {
            return kernel.loadClass(name);
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected java.net.URL findResource(String name) {
        String asClass = name.endsWith(".class") ? name.substring(0, name.length() - 6).replace('/', '.') : null;
        return asClass != null && visible(asClass) ? kernel.getResource(name) : null;
    }
}
