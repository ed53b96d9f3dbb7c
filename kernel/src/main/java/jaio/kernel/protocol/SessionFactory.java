package jaio.kernel.protocol;

import jaio.kernel.language.KernelServices;
import jaio.kernel.language.LanguageSession;

/** Creates the language session once the kernel's services exist (so it can register comm targets). */
@FunctionalInterface
public interface SessionFactory {

    LanguageSession create(KernelServices services);
}
