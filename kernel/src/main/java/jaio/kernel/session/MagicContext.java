package jaio.kernel.session;

import jaio.Loop;

import java.util.List;

/**
 * What a magic command may do with the cell it runs in: run Java code in it, show values, write
 * output, and look at the session's declarations. One per magic invocation, used on the cell's task.
 */
interface MagicContext {
    /** The cell the magic runs in. */
    Cell cell();

    /** Runs {@code code} as cell code (await allowed) and returns how it went; its value is not shown. */
    Evaluation evaluate(String code);

    /** Runs {@code code} as cell code and shows its value, as a cell of that code would. */
    ExecutionResult run(String code);

    /** Shows {@code value} as the cell's execute_result (nothing if the cell is silent). */
    void show(Object value);

    /** The type javac gives {@code expression} (await allowed), or null when it is not one expression. */
    String typeOf(String expression);

    /** The loop the cell runs on, and the thread it runs on (the carrier of every task step). */
    Loop loop();

    Thread loopThread();

    /** The variables the session declared, in declaration order. */
    List<VariableInfo> variables();

    /** The session's active import declarations, as written. */
    List<String> imports();

    /** Adds jars or directories (path-separator separated) to the cells' class path. */
    void addToClasspath(String path);

    /** This session's inputs so far (silent ones excepted), oldest first. */
    List<Input> history();

    /** One cell's input as {@code %history} shows it. */
    record Input(int executionCount, String code) {}

    /** A declared variable as {@code %vars} lists it. */
    record VariableInfo(String name, String type, String value) {}
}
