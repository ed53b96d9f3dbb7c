package jaio.kernel.session;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.HashSet;
import java.util.Set;

/**
 * Instruments class files with the JDK's {@code java.lang.classfile} API (as the JDK's own
 * LocalExecutionControl does for its global stop check):
 * <ul>
 * <li>a call to {@link CellGuard#checkpoint()} before every backward branch (a branch or switch
 *     case to a label already seen in the method), so a busy loop can be interrupted per task;</li>
 * <li>calls of {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} are replaced by
 *     calls of {@link CellGuard} methods with the same operands that throw {@link CellExit}.</li>
 * </ul>
 */
final class SnippetInstrumenter {
    private static final ClassDesc CD_GUARD = ClassDesc.of(CellGuard.class.getName());
    private static final ClassDesc CD_SYSTEM = ClassDesc.of("java.lang.System");
    private static final ClassDesc CD_RUNTIME = ClassDesc.of("java.lang.Runtime");
    private static final MethodTypeDesc MTD_INT_VOID = MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_int);
    private static final MethodTypeDesc MTD_RUNTIME_INT_VOID =
            MethodTypeDesc.of(ConstantDescs.CD_void, CD_RUNTIME, ConstantDescs.CD_int);

    private SnippetInstrumenter() {}

    /**
     * Both instrumentations: for snippet classes. {@code hierarchy} resolves the classes the stack
     * map generator meets (snippet classes are not loadable yet while their batch is instrumented).
     */
    static byte[] instrumentSnippet(byte[] classFile, ClassHierarchyResolver hierarchy) {
        return transform(classFile, true, hierarchy);
    }

    /** Only the exit replacement: for classes of the user's class path (libraries). */
    static byte[] instrumentLibrary(byte[] classFile, ClassHierarchyResolver hierarchy) {
        return transform(classFile, false, hierarchy);
    }

    private static byte[] transform(byte[] classFile, boolean backEdges, ClassHierarchyResolver hierarchy) {
        ClassFile cf = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(hierarchy));
        return cf.transformClass(cf.parse(classFile),
                ClassTransform.transformingMethodBodies(CodeTransform.ofStateful(() -> new Weaver(backEdges))));
    }

    /** Whether the class file calls an exit method at all (libraries without one are left byte-identical). */
    static boolean callsExit(byte[] classFile) {
        ClassFile cf = ClassFile.of();
        for (var m : cf.parse(classFile).methods()) {
            var code = m.code();
            if (code.isEmpty()) {
                continue;
            }
            for (CodeElement e : code.get()) {
                if (e instanceof InvokeInstruction inv && exitReplacement(inv) != null) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String exitReplacement(InvokeInstruction inv) {
        String owner = inv.owner().asInternalName();
        String name = inv.name().stringValue();
        String type = inv.type().stringValue();
        if (inv.opcode() == Opcode.INVOKESTATIC && owner.equals("java/lang/System") && name.equals("exit") && type.equals("(I)V")) {
            return "systemExit";
        }
        if (inv.opcode() == Opcode.INVOKEVIRTUAL && owner.equals("java/lang/Runtime") && type.equals("(I)V")) {
            if (name.equals("exit")) {
                return "runtimeExit";
            }
            if (name.equals("halt")) {
                return "runtimeHalt";
            }
        }
        return null;
    }

    private static final class Weaver implements CodeTransform {
        private final boolean backEdges;
        private final Set<Label> seen = new HashSet<>();

        Weaver(boolean backEdges) {
            this.backEdges = backEdges;
        }

        @Override
        public void accept(CodeBuilder builder, CodeElement element) {
            switch (element) {
                case LabelTarget target -> seen.add(target.label());
                case BranchInstruction branch when backEdges && seen.contains(branch.target()) -> checkpoint(builder);
                case TableSwitchInstruction sw when backEdges && backwardSwitch(sw.defaultTarget(), sw.cases().stream().map(c -> c.target()).toList()) -> checkpoint(builder);
                case LookupSwitchInstruction sw when backEdges && backwardSwitch(sw.defaultTarget(), sw.cases().stream().map(c -> c.target()).toList()) -> checkpoint(builder);
                case InvokeInstruction inv when exitReplacement(inv) != null -> {
                    String m = exitReplacement(inv);
                    builder.invokestatic(CD_GUARD, m, m.equals("systemExit") ? MTD_INT_VOID : MTD_RUNTIME_INT_VOID);
                    return;
                }
                default -> { }
            }
            builder.with(element);
        }

        private boolean backwardSwitch(Label dflt, java.util.List<Label> targets) {
            return seen.contains(dflt) || targets.stream().anyMatch(seen::contains);
        }

        private static void checkpoint(CodeBuilder builder) {
            builder.invokestatic(CD_GUARD, "checkpoint", ConstantDescs.MTD_void);
        }
    }
}
