package jaio.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.sun.jdi.Bootstrap;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.EventRequest;
import jaio.kernel.wire.Message;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, item 10: after an error reply (stop_on_error), only execute requests that arrived
 * before the reply was sent are aborted; a cell the client sends on seeing the reply runs.
 *
 * <p>The race this guards against is narrow (the kernel sweeping its shell socket right after the
 * reply instead of right before it), so the test makes it certain rather than likely: the kernel
 * runs under the JDK's debugger interface, and every read of the shell socket
 * ({@code RequestServer.onReadable}, which is also the sweep) holds the shell thread for a second
 * before it reads, as a loaded machine might. A sweep after the reply would then always find the
 * client's next cell and abort it; a sweep before the reply finds nothing.
 */
@Timeout(120)
class AbortAfterErrorTest {
    @TempDir
    Path dir;

    @Test
    void aCellSentOnSeeingTheErrorReplyRunsEvenWhenTheKernelIsSlowToReadItsSocket() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (RunningKernel kernel = new RunningKernel(dir, Map.of(),
                "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:" + port)) {
            VirtualMachine vm = attach(port);
            AtomicInteger held = new AtomicInteger();
            Thread holder = new Thread(() -> holdEveryRead(vm, held), "hold-shell-reads");
            try {
                ReferenceType server = vm.classesByName("jaio.kernel.protocol.RequestServer").getFirst();
                BreakpointRequest reads = vm.eventRequestManager().createBreakpointRequest(
                        server.methodsByName("onReadable").getFirst().location());
                reads.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
                holder.setDaemon(true);
                holder.start();
                reads.enable();

                Message failing = kernel.send("throw new IllegalStateException(\"no\");", true, new JsonObject());
                assertEquals("error", kernel.replyTo(failing).get("status").getAsString());
                Message next = kernel.send("int after = 1;", true, new JsonObject());
                JsonObject reply = kernel.replyTo(next);
                reads.disable();
                assertEquals("ok", reply.get("status").getAsString(), "the cell sent after the error reply ran: " + reply);
                assertTrue(held.get() >= 2, "the shell socket's reads were held: " + held.get());
            } finally {
                vm.dispose();
                holder.interrupt();
            }
        }
    }

    private static VirtualMachine attach(int port) throws Exception {
        AttachingConnector socket = Bootstrap.virtualMachineManager().attachingConnectors().stream()
                .filter(c -> c.name().equals("com.sun.jdi.SocketAttach")).findFirst().orElseThrow();
        Map<String, Connector.Argument> args = socket.defaultArguments();
        args.get("hostname").setValue("127.0.0.1");
        args.get("port").setValue(Integer.toString(port));
        return socket.attach(args);
    }

    /** The debugger's event loop: each read of the shell socket waits a second, then goes on. */
    private static void holdEveryRead(VirtualMachine vm, AtomicInteger held) {
        try {
            while (true) {
                EventSet events = vm.eventQueue().remove();
                for (var e : events) {
                    if (e instanceof BreakpointEvent) {
                        held.incrementAndGet();
                        Thread.sleep(1000);
                    }
                }
                events.resume();
            }
        } catch (InterruptedException | com.sun.jdi.VMDisconnectedException e) {
            // the test is over
        }
    }
}
