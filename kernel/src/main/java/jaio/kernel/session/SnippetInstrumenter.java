package jaio.kernel.session;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.MethodTransform;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LineNumber;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodHandleDesc;
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
 *     calls of {@link CellGuard} methods with the same operands that throw {@link CellExit};</li>
 * <li>after a call that returns a coroutine ({@code jaio.Coroutine} or {@code jaio.Awaitable}), the
 *     call site's frame is passed to {@link CoroutineSites}: a {@code pop} right after it (the value
 *     thrown away) becomes {@link CoroutineSites#dropped}, anything else gets
 *     {@link CoroutineSites#made} on a copy of the value (snippet classes only).</li>
 * </ul>
 */
final class SnippetInstrumenter {
    private static final ClassDesc CD_GUARD = ClassDesc.of(CellGuard.class.getName());
    private static final ClassDesc CD_SYSTEM = ClassDesc.of("java.lang.System");
    private static final ClassDesc CD_RUNTIME = ClassDesc.of("java.lang.Runtime");
    private static final MethodTypeDesc MTD_INT_VOID = MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_int);
    private static final MethodTypeDesc MTD_RUNTIME_INT_VOID =
            MethodTypeDesc.of(ConstantDescs.CD_void, CD_RUNTIME, ConstantDescs.CD_int);
    private static final ClassDesc CD_SITES = ClassDesc.of(CoroutineSites.class.getName());
    private static final ClassDesc CD_FRAME = ClassDesc.of("java.lang.StackTraceElement");
    private static final Set<ClassDesc> COROUTINE_TYPES = Set.of(ClassDesc.of("jaio.Coroutine"), ClassDesc.of("jaio.Awaitable"));
    private static final MethodTypeDesc MTD_VALUE_SITE_VOID = MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_Object, CD_FRAME);
    private static final DirectMethodHandleDesc SITE_BOOTSTRAP = MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC,
            CD_SITES, "frame", MethodTypeDesc.of(CD_FRAME, ConstantDescs.CD_MethodHandles_Lookup, ConstantDescs.CD_String,
                    ConstantDescs.CD_Class, ConstantDescs.CD_String, ConstantDescs.CD_String, ConstantDescs.CD_int));

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

    private static byte[] transform(byte[] classFile, boolean snippet, ClassHierarchyResolver hierarchy) {
        ClassFile cf = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(hierarchy));
        var model = cf.parse(classFile);
        String className = model.thisClass().asInternalName().replace('/', '.');
        return cf.transformClass(model, (clb, element) -> {
            if (element instanceof MethodModel m && m.code().isPresent()) {
                clb.transformMethod(m, MethodTransform.transformingCode(new Weaver(snippet, className, m.methodName().stringValue())));
            } else {
                clb.with(element);
            }
        });
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
        private final String className;
        private final String method;
        private final Set<Label> seen = new HashSet<>();
        private int line = -1;
        /** A call returning a coroutine was just copied: the next element says whether its value is dropped. */
        private InvokeInstruction coroutineCall;

        Weaver(boolean snippet, String className, String method) {
            this.backEdges = snippet;
            this.className = className;
            this.method = method;
        }

        @Override
        public void accept(CodeBuilder builder, CodeElement element) {
            if (coroutineCall != null) {
                InvokeInstruction call = coroutineCall;
                coroutineCall = null;
                if (element instanceof java.lang.classfile.Instruction i && i.opcode() == Opcode.POP) {
                    site(builder).invokestatic(CD_SITES, "dropped", MTD_VALUE_SITE_VOID);
                    return;
                }
                boolean byAsync = call.owner().asInternalName().equals("jaio/Async") && call.name().equalsString("async");
                site(builder.dup()).invokestatic(CD_SITES, byAsync ? "defined" : "made", MTD_VALUE_SITE_VOID);
            }
            switch (element) {
                case LineNumber ln -> line = ln.line();
                case InvokeInstruction inv when backEdges && COROUTINE_TYPES.contains(inv.typeSymbol().returnType()) -> {
                    builder.with(inv);
                    coroutineCall = inv;
                    return;
                }
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

        /** Pushes this call site's frame: a constant of the class, made once by {@link CoroutineSites#frame}. */
        private CodeBuilder site(CodeBuilder builder) {
            return builder.ldc(DynamicConstantDesc.ofNamed(SITE_BOOTSTRAP, "site", CD_FRAME, className, method, line));
        }

        private boolean backwardSwitch(Label dflt, java.util.List<Label> targets) {
            return seen.contains(dflt) || targets.stream().anyMatch(seen::contains);
        }

        private static void checkpoint(CodeBuilder builder) {
            builder.invokestatic(CD_GUARD, "checkpoint", ConstantDescs.MTD_void);
        }
    }
}
