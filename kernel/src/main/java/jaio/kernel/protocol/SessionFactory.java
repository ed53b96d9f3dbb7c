package jaio.kernel.protocol;

/** Creates the language session once the kernel's services exist (so it can register comm targets). */
@FunctionalInterface
public interface SessionFactory {

    LanguageSession create(KernelServices services);
}
