package jaio.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.util.function.Function;

/**
 * The main class of a {@link jaio.ProcessPool} worker process: reads {@code [function, argument]}
 * pairs from standard input and writes {@code [exception or null, result]} to standard output until
 * its input ends. The task's own printing goes to standard error, so it cannot corrupt the stream.
 */
public final class ProcessPoolWorker {
    private ProcessPoolWorker() {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws Exception {
        PrintStream protocolOut = System.out;
        System.setOut(System.err);
        ObjectOutputStream out = new ObjectOutputStream(new BufferedOutputStream(protocolOut));
        out.flush();
        ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(System.in));
        while (true) {
            Object[] task;
            try {
                task = (Object[]) in.readObject();
            } catch (EOFException end) {
                return;
            }
            Object[] answer;
            try {
                answer = new Object[] {null, ((Function) task[0]).apply(task[1])};
            } catch (Throwable t) {
                answer = new Object[] {t, null};
            }
            out.writeObject(answer);
            out.flush();
            out.reset();
        }
    }
}
