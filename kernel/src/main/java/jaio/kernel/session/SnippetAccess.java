package jaio.kernel.session;

import java.lang.classfile.AccessFlags;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.FieldModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.InnerClassInfo;
import java.lang.classfile.attribute.InnerClassesAttribute;

/**
 * Makes package access in snippet classes public access, so that classes of different snippets
 * can use each other although each snippet's classes have a loader of their own
 * ({@link CellClassLoader}).
 *
 * <p>Why: JShell compiles every snippet into package {@code REPL} without access modifiers (the
 * wrapper class {@code class $JShell$12}, a user's {@code class Foo} or {@code int f()} in it) and
 * javac accepts any use of them from later snippets, which are in the same package. The JVM checks
 * package access against the <em>runtime</em> package, the package name and the defining loader: two
 * snippets loaded by two loaders are in two runtime packages, and {@code $JShell$13} may not call
 * {@code $JShell$12}. Package-private and protected classes, nested classes, fields and methods
 * become public: everything javac allowed stays allowed, and nothing else changes (private members
 * stay private: only their own class and its nestmates, loaded in the same batch, use them).
 * Visible difference: reflection reports such members of a cell's classes as public.
 */
final class SnippetAccess {
    private static final int WIDTH = ClassFile.ACC_PUBLIC | ClassFile.ACC_PRIVATE | ClassFile.ACC_PROTECTED;

    private SnippetAccess() {}

    /** {@code classFile} with package and protected access made public. */
    static byte[] widen(byte[] classFile) {
        ClassFile cf = ClassFile.of();
        ClassModel model = cf.parse(classFile);
        return cf.transformClass(model, (clb, e) -> {
            switch (e) {
                case AccessFlags f -> clb.withFlags(f.flagsMask() | ClassFile.ACC_PUBLIC);
                case FieldModel fm -> clb.transformField(fm, (fb, fe) -> {
                    if (fe instanceof AccessFlags af) {
                        fb.withFlags(widen(af.flagsMask()));
                    } else {
                        fb.with(fe);
                    }
                });
                case MethodModel mm when !mm.methodName().equalsString("<clinit>") -> clb.transformMethod(mm, (mb, me) -> {
                    if (me instanceof AccessFlags af) {
                        mb.withFlags(widen(af.flagsMask()));
                    } else {
                        mb.with(me);
                    }
                });
                case InnerClassesAttribute ic -> clb.with(InnerClassesAttribute.of(ic.classes().stream()
                        .map(i -> i.innerClass().asInternalName().startsWith("REPL/")
                                ? InnerClassInfo.of(i.innerClass(), i.outerClass(), i.innerName(), widen(i.flagsMask()))
                                : i)
                        .toList()));
                default -> clb.with(e);
            }
        });
    }

    private static int widen(int flags) {
        return (flags & ClassFile.ACC_PRIVATE) != 0 ? flags : (flags & ~WIDTH) | ClassFile.ACC_PUBLIC;
    }
}
